package io.kiln.dialect.pdfco;

import io.javalin.http.Context;
import io.kiln.api.ApiContext;
import io.kiln.job.Caller;
import io.kiln.job.Job;
import io.kiln.job.JobStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A PDF.co conversion method. With {@code async: true} it answers at once with the job id and the link
 * the result will be at; otherwise it waits for the job up to the sync limit and answers the result,
 * the job's failure, or 405 when time runs out (the job goes on).
 */
final class ConversionRoute {

    private final ApiContext api;
    private final PdfCoRequests requests;
    private final ConversionView view;
    private final RemainingCredits credits;
    private final Duration syncLimit;

    ConversionRoute(ApiContext api, PdfCoRequests requests, ConversionView view, RemainingCredits credits,
                    Duration syncLimit) {
        this.api = api;
        this.requests = requests;
        this.view = view;
        this.credits = credits;
        this.syncLimit = syncLimit;
    }

    void handle(Context ctx, PdfCoMethod method) {
        long started = System.nanoTime();
        Caller caller = api.auth().caller(ctx);
        PdfCoParams params = PdfCoParams.read(ctx);
        Duration life = params.minutes("expiration").orElse(PdfCoLinks.DEFAULT_LIFE);
        boolean async = params.flag("async");
        boolean inline = params.flag("inline") && method.ext.equals("txt");
        var request = requests.read(method, params, caller.tenant());
        Job job = api.jobs().submit(caller, async ? request : api.onTheLine(request));
        String base = api.baseUrl(ctx);
        if (async) {
            ctx.json(view.async(base, job, method, params, api.clock().instant(), life, credits.of(caller)));
            return;
        }
        PdfCoErrors.run(ctx, c -> answer(c, base, job.id(), api.jobs().await(caller.tenant(), job.id(), syncLimit),
                method, life, inline, caller, started));
    }

    private void answer(Context ctx, String base, String id, Optional<Job> now, PdfCoMethod method, Duration life,
                        boolean inline, Caller caller, long started) {
        if (now.isEmpty()) {
            PdfCoErrors.write(ctx, 400, "the job was deleted before it ended", Map.of("jobId", id));
        } else if (now.get().status() == JobStatus.SUCCESS) {
            ctx.json(view.sync(base, now.get(), method, api.clock().instant(), life, inline, credits.of(caller),
                    (System.nanoTime() - started) / 1_000_000));
        } else if (now.get().status().isTerminal()) {
            PdfCoErrors.failed(ctx, now.get());
        } else {
            PdfCoErrors.timeout(ctx, id, syncLimit);
        }
    }
}
