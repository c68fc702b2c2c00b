package io.kiln.dialect.pdfco;

import io.javalin.http.Context;
import io.kiln.api.ApiContext;
import io.kiln.api.GuessLimit;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import io.kiln.job.Caller;
import io.kiln.job.Job;
import java.util.Optional;

/** {@code POST /v1/job/check} ({@code {"jobId"|"jobid", "force"}}) and {@code GET /v1/job/check?jobid=}. */
final class JobCheckRoute {

    /** Longer than any job id Kiln makes or accepts: such an id is not looked up. */
    private static final int MAX_ID = 100;

    private final ApiContext api;
    private final JobCheckView view;
    private final RemainingCredits credits;

    JobCheckRoute(ApiContext api, JobCheckView view, RemainingCredits credits) {
        this.api = api;
        this.view = view;
        this.credits = credits;
    }

    void handle(Context ctx) {
        long started = System.nanoTime();
        Caller caller = api.auth().caller(ctx);
        PdfCoParams params = PdfCoParams.read(ctx);
        String id = params.text("jobId").or(() -> params.text("jobid")).orElseThrow(() ->
                new RequestRejected(ErrorCode.BAD_REQUEST, "jobId is required"));
        Optional<Job> job = id.length() > MAX_ID ? Optional.empty() : api.jobs().find(caller.tenant(), id);
        if (job.isEmpty()) {
            GuessLimit.missed(ctx); // answered 200 "working", as PDF.co documents, but a miss all the same
        }
        ctx.json(view.render(api.baseUrl(ctx), id, job, params.flag("force"), api.clock().instant(),
                credits.of(caller), (System.nanoTime() - started) / 1_000_000));
    }
}
