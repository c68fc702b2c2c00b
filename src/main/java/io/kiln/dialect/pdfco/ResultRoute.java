package io.kiln.dialect.pdfco;

import io.javalin.http.Context;
import io.kiln.api.ApiContext;
import io.kiln.api.Downloads;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import io.kiln.job.Job;
import io.kiln.job.JobStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v1/pdfco/results/{token}/{name}}: an async call's {@code url}. 404 until the job succeeds;
 * then the output itself, or for list methods the JSON array of output links, for {@code info} the info.
 */
final class ResultRoute {

    private final ApiContext api;
    private final PdfCoLinks links;
    private final PdfInfoView info;

    ResultRoute(ApiContext api, PdfCoLinks links, PdfInfoView info) {
        this.api = api;
        this.links = links;
        this.info = info;
    }

    void handle(Context ctx) throws IOException {
        String expires = ctx.queryParam("expires");
        Job job = links.verify(ctx.pathParam("token"), expires, ctx.queryParam("sig"))
                .flatMap(ref -> api.jobs().find(ref.tenant(), ref.jobId()))
                .orElseThrow(() -> new RequestRejected(ErrorCode.NOT_FOUND, "this link is invalid or has expired"));
        if (job.status() != JobStatus.SUCCESS) {
            throw new RequestRejected(ErrorCode.NOT_FOUND, "job " + job.id() + " is " + job.status().wire()
                    + (job.status().isTerminal() ? "" : "; the result is not ready yet") + " (see /v1/job/check)");
        }
        switch (PdfCoMethod.answerFor(job.to())) {
            case INFO -> ctx.json(info.render(job));
            case LIST -> ctx.json(outputLinks(ctx, job, Instant.ofEpochSecond(Long.parseLong(expires))));
            case FILE -> Downloads.one(ctx, api.jobs().files(), api.jobs().files()
                    .find(job.tenant(), job.outputs().getFirst().fileId())
                    .orElseThrow(() -> new RequestRejected(ErrorCode.NOT_FOUND, "the result is gone")));
        }
    }

    private List<String> outputLinks(Context ctx, Job job, Instant expires) {
        Instant until = job.expiresAt().isBefore(expires) ? job.expiresAt() : expires;
        List<String> out = new ArrayList<>();
        job.outputs().forEach(o -> out.add(links.output(api.baseUrl(ctx), o, until)));
        return out;
    }
}
