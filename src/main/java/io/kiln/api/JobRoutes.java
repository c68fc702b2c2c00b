package io.kiln.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import io.kiln.job.Caller;
import io.kiln.job.Job;
import io.kiln.job.JobStatus;
import io.kiln.storage.StoredFile;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /v1/jobs}: create, read (with long-poll), list, delete, and fetch outputs. */
public final class JobRoutes {

    private final ApiContext api;

    public JobRoutes(ApiContext api) {
        this.api = api;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/jobs", this::create);
        routes.get("/v1/jobs", this::list);
        routes.get("/v1/jobs/{id}", this::get);
        routes.delete("/v1/jobs/{id}", this::delete);
        routes.post("/v1/jobs/{id}/cancel", this::cancel);
        routes.get("/v1/jobs/{id}/output", ctx -> output(ctx, 0));
        routes.get("/v1/jobs/{id}/output/{n}", ctx -> output(ctx, index(ctx.pathParam("n"))));
    }

    private void create(Context ctx) {
        Caller caller = api.auth().caller(ctx);
        String tenant = caller.tenant();
        Job job = api.jobs().submit(caller, api.reader().read(ctx, tenant, null));
        Duration wait = api.preferredWait(ctx);
        String base = api.baseUrl(ctx);
        ctx.header("Location", "/v1/jobs/" + job.id());
        if (!wait.isZero()) {
            ctx.header("Preference-Applied", "wait=" + wait.toSeconds());
        }
        if (wait.isZero()) {
            ctx.status(202).json(api.render(base, job));
            return;
        }
        Job now = api.jobs().await(tenant, job.id(), wait).orElse(job);
        ctx.status(now.status().isTerminal() ? 200 : 202).json(api.render(base, now));
    }

    private void get(Context ctx) {
        String tenant = api.auth().tenant(ctx);
        Duration wait = api.waitFrom(ctx.queryParam("wait"));
        String base = api.baseUrl(ctx);
        if (wait.isZero()) {
            ctx.json(api.render(base, found(api.jobs().find(tenant, ctx.pathParam("id")))));
            return;
        }
        ctx.json(api.render(base, found(api.jobs().await(tenant, ctx.pathParam("id"), wait))));
    }

    private void list(Context ctx) {
        String tenant = api.auth().tenant(ctx);
        Optional<JobStatus> status = Optional.ofNullable(ctx.queryParam("status")).map(s -> {
            try {
                return JobStatus.fromWire(s);
            } catch (IllegalArgumentException e) {
                throw new RequestRejected(ErrorCode.BAD_REQUEST,
                        "status must be one of queued, working, success, failed, aborted");
            }
        });
        int limit = bounded("limit", ctx.queryParam("limit"), 20, 1, 100);
        int offset = bounded("offset", ctx.queryParam("offset"), 0, 0, Integer.MAX_VALUE);
        List<Map<String, Object>> jobs = new ArrayList<>();
        api.jobs().list(tenant, status, limit, offset).forEach(j -> jobs.add(api.render(ctx, j)));
        ctx.json(Map.of("jobs", jobs, "limit", limit, "offset", offset,
                "next", jobs.size() == limit ? "/v1/jobs?limit=" + limit + "&offset=" + (offset + limit)
                        + status.map(s -> "&status=" + s.wire()).orElse("") : ""));
    }

    /** Stops the job but keeps it, aborted, for its TTL; an ended job is answered as it is. */
    private void cancel(Context ctx) {
        String tenant = api.auth().tenant(ctx);
        ctx.json(api.render(api.baseUrl(ctx), found(api.jobs().cancel(tenant, ctx.pathParam("id")))));
    }

    private void delete(Context ctx) {
        String tenant = api.auth().tenant(ctx);
        if (!api.jobs().delete(tenant, ctx.pathParam("id"))) {
            throw notFound(ctx.pathParam("id"));
        }
        ctx.status(204);
    }

    private void output(Context ctx, int index) throws IOException {
        String tenant = api.auth().tenant(ctx);
        Job job = found(api.jobs().find(tenant, ctx.pathParam("id")));
        if (job.status() != JobStatus.SUCCESS) {
            throw new RequestRejected(ErrorCode.CONFLICT, "job " + job.id() + " is " + job.status().wire()
                    + (job.status().isTerminal() ? "" : "; wait for it to end"));
        }
        List<StoredFile> outputs = new ArrayList<>();
        for (var o : job.outputs()) {
            outputs.add(api.jobs().files().find(tenant, o.fileId()).orElseThrow(() -> notFound(job.id())));
        }
        if (index > outputs.size()) {
            throw new RequestRejected(ErrorCode.NOT_FOUND, "job " + job.id() + " has " + outputs.size() + " outputs");
        }
        if (index > 0 || outputs.size() == 1) {
            Downloads.one(ctx, api.jobs().files(), outputs.get(Math.max(index, 1) - 1));
        } else {
            Downloads.zip(ctx, api.jobs().files(), outputs, job.id() + ".zip");
        }
    }

    static Job found(Optional<Job> job) {
        return job.orElseThrow(() -> new RequestRejected(ErrorCode.NOT_FOUND, "no such job"));
    }

    private static RequestRejected notFound(String id) {
        return new RequestRejected(ErrorCode.NOT_FOUND, "no job with id " + id);
    }

    private static int index(String n) {
        try {
            int i = Integer.parseInt(n);
            if (i >= 1) {
                return i;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw new RequestRejected(ErrorCode.BAD_REQUEST, "output numbers start at 1");
    }

    /** A whole-number query parameter within {@code [min, max]}; anything else is refused, naming the range. */
    private static int bounded(String name, String raw, int fallback, int min, int max) {
        if (raw == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new RequestRejected(ErrorCode.BAD_REQUEST, name + " must be a whole number from " + min
                + (max == Integer.MAX_VALUE ? " up" : " to " + max) + ", not '" + raw + "'");
    }
}
