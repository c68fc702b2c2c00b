package io.kiln.dialect.pdfrest;

import io.javalin.http.Context;
import io.kiln.api.ApiContext;
import io.kiln.api.Problems;
import io.kiln.job.Caller;
import io.kiln.job.Job;
import io.kiln.job.JobStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pdfRest operation route. By default it waits for the job (up to Kiln's longest wait) and answers
 * the result; with {@code Response-Type: requestId} (the samples' header; the reference's text says
 * {@code Request-Type}, so both are read) it answers {@code {"requestId"}} at once, for
 * {@code /request-status/{requestId}} to poll.
 */
final class OperationRoute {

    private static final String ASYNC = "requestId";

    private final ApiContext api;
    private final OperationRequests requests;
    private final OperationView view;

    OperationRoute(ApiContext api, OperationRequests requests, OperationView view) {
        this.api = api;
        this.requests = requests;
        this.view = view;
    }

    void handle(Context ctx, PdfRestOperation op) {
        Caller caller = PdfRestKeys.caller(api.auth(), ctx);
        PdfRestParams params = PdfRestParams.read(ctx);
        List<String> queries = op == PdfRestOperation.INFO ? PdfInfoQueries.read(params) : List.of();
        boolean async = ASYNC.equalsIgnoreCase(ctx.header("Response-Type")) || ASYNC.equalsIgnoreCase(ctx.header("Request-Type"));
        var request = requests.read(op, params, caller.tenant());
        Job job = api.jobs().submit(caller, async ? request : api.onTheLine(request));
        if (async) {
            ctx.json(Map.of("requestId", job.id()));
            return;
        }
        String base = api.baseUrl(ctx);
        Optional<Job> now = api.jobs().await(caller.tenant(), job.id(), api.maxWait());
        if (now.isEmpty()) {
            PdfRestErrors.write(ctx, 404, "the request was deleted before it ended");
        } else if (now.get().status() == JobStatus.SUCCESS) {
            ctx.json(view.render(base, now.get(), queries));
        } else if (now.get().status().isTerminal()) {
            failed(ctx, now.get(), Map.of());
        } else {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("error", "the request is still processing: poll /request-status/" + job.id());
            m.put("requestId", job.id());
            ctx.status(503).json(m);
        }
    }

    /** A {@code /request-status} poll of a job one of these routes started: pending, completed or failed. */
    void status(Context ctx, Job job) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (job.status() == JobStatus.SUCCESS) {
            m.put("status", "completed");
            m.put("requestId", job.id());
            m.putAll(view.render(api.baseUrl(ctx), job, PdfInfoQueries.answerable()));
            ctx.json(m);
        } else if (job.status().isTerminal()) {
            failed(ctx, job, Map.of("status", "failed", "requestId", job.id()));
        } else {
            m.put("status", "pending");
            m.put("requestId", job.id());
            ctx.json(m);
        }
    }

    /** The job's failure, in pdfRest's {@code {"error"}} with the status of its code. */
    private static void failed(Context ctx, Job job, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>(extra);
        int status = job.error() == null ? 409 : Problems.status(job.error().code());
        m.put("error", job.error() == null ? "the request was cancelled" : job.error().message());
        Problems.retryAfter(ctx, status);
        ctx.status(status).json(m);
    }
}
