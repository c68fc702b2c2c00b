package io.kiln.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.kiln.job.Caller;
import io.kiln.job.Job;
import io.kiln.job.JobStatus;
import io.kiln.storage.StoredFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/convert/{to}}: upload in, converted file out, for {@code curl -F file=@a.docx}.
 * Still a durable job: if it does not end within the wait, the answer is 202 with the job to poll.
 */
public final class ConvertRoute {

    private final ApiContext api;

    public ConvertRoute(ApiContext api) {
        this.api = api;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/convert/{to}", this::convert);
    }

    private void convert(Context ctx) {
        Caller caller = api.auth().caller(ctx);
        String tenant = caller.tenant();
        Job job = api.jobs().submit(caller, api.onTheLine(api.reader().read(ctx, tenant, ctx.pathParam("to"))));
        Duration wait = api.preferredWait(ctx).isZero() ? api.maxWait() : api.preferredWait(ctx);
        ctx.header("Kiln-Job-Id", job.id());
        String base = api.baseUrl(ctx);
        Job j = JobRoutes.found(api.jobs().await(tenant, job.id(), wait));
        if (j.status() == JobStatus.SUCCESS) {
            send(ctx, j);
        } else if (j.status().isTerminal() && j.error() != null) {
            Problems.write(ctx, j.error().code(), j.error().message(), Map.of("jobId", j.id()));
        } else {
            ctx.header("Location", "/v1/jobs/" + j.id()).status(202).json(api.render(base, j));
        }
    }

    private void send(Context ctx, Job job) {
        List<StoredFile> outputs = new ArrayList<>();
        job.outputs().forEach(o -> api.jobs().files().find(job.tenant(), o.fileId()).ifPresent(outputs::add));
        try {
            if (outputs.size() == 1) {
                Downloads.one(ctx, api.jobs().files(), outputs.getFirst());
            } else {
                Downloads.zip(ctx, api.jobs().files(), outputs, job.id() + ".zip");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
