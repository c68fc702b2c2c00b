package io.kiln.api;

import io.javalin.http.Context;
import io.kiln.job.Job;
import io.kiln.job.JobRequest;
import io.kiln.job.JobService;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What the native routes share: the services they call and the request-independent settings. */
public record ApiContext(JobService jobs, Auth auth, JobView view, JobRequestReader reader, SignedLinks links,
                         Clock clock, Duration maxWait, Optional<String> publicUrl, Duration syncTaskTimeout,
                         TrustedProxies proxies) {

    /**
     * {@code req} as a request whose caller waits on the line for the result (the vendors'
     * synchronous routes, {@code /v1/convert}): its conversion gets the shorter synchronous limit
     * (a {@code timeout} the client gave may shorten it further). Asynchronous jobs keep
     * {@code --task-timeout}, long enough for a big document.
     */
    public JobRequest onTheLine(JobRequest req) {
        long limit = syncTaskTimeout.toSeconds();
        String given = req.options().get("timeout");
        if (given != null) {
            try {
                limit = Math.min(limit, Long.parseLong(given.trim()));
            } catch (NumberFormatException invalid) {
                return req; // refused by the options check, in the dialect's shape
            }
        }
        Map<String, String> options = new java.util.HashMap<>(req.options());
        options.put("timeout", Long.toString(Math.max(1, limit)));
        return new JobRequest(req.to(), req.from(), options, req.inputs(), req.jobId(), req.webhook(), req.dialect(),
                req.uploads());
    }

    /**
     * The base URL links are built on: {@code --public-url}; else the scheme and host a trusted
     * proxy forwarded; else the ones the client used.
     */
    public String baseUrl(Context ctx) {
        return publicUrl.or(() -> proxies.forwardedBase(ctx)).orElseGet(() -> ctx.scheme() + "://" + ctx.host());
    }

    public Map<String, Object> render(Context ctx, Job job) {
        return render(baseUrl(ctx), job);
    }

    /** For answers completed later: read the base URL while the request is live, render with it. */
    public Map<String, Object> render(String baseUrl, Job job) {
        return view.render(job, baseUrl, jobs.queuePosition(job));
    }

    /** A wait in seconds from a query value or {@code Prefer: wait=N}, capped at the maximum. */
    public Duration waitFrom(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return Duration.ZERO;
        }
        try {
            double s = Double.parseDouble(seconds.trim());
            if (s < 0 || Double.isNaN(s)) {
                return Duration.ZERO;
            }
            Duration d = Duration.ofMillis((long) (s * 1000));
            return d.compareTo(maxWait) > 0 ? maxWait : d;
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }

    /** The {@code wait} preference of an RFC 7240 {@code Prefer} header, if any. */
    public Duration preferredWait(Context ctx) {
        String prefer = ctx.header("Prefer");
        if (prefer == null) {
            return Duration.ZERO;
        }
        for (String pref : prefer.split("[,;]")) {
            String p = pref.trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("wait=")) {
                return waitFrom(p.substring(5));
            }
        }
        return Duration.ZERO;
    }
}
