package io.kiln.api;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.kiln.observe.PrometheusMetrics;
import java.time.Duration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What each answered request leaves behind: one line on the {@code kiln.access} logger (method,
 * route, path, status, bytes, duration, tenant, request id; as key-value pairs too, which the JSON
 * log format writes as fields) and its timing in {@code http_server_requests}. Jetty calls it once
 * the answer is complete (so the bytes are those sent, a long-poll's wait included), also for
 * requests it refused before any route ran; the route and tenant are noted on the request on the way.
 */
public final class AccessLog implements RequestLog {

    private static final Logger LOG = LoggerFactory.getLogger("kiln.access");
    private static final String TENANT = "kiln.tenant";
    private static final String ROUTE = "kiln.route";
    /** The route of a request no route matched: its path would make every probed URL a new series. */
    static final String UNMATCHED = "unmatched";

    private final PrometheusMetrics metrics;

    public AccessLog(PrometheusMetrics metrics) {
        this.metrics = metrics;
    }

    /** Remembers who a request turned out to be, for its line; called where the key is checked. */
    public static void tenant(Context ctx, String tenant) {
        ctx.attribute(TENANT, tenant);
    }

    /** Javalin's request logger, run when a handler is done: notes the matched route's template. */
    public void noteRoute(Context ctx, Float millis) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint != null) {
            ctx.attribute(ROUTE, endpoint.path);
        }
    }

    @Override
    public void log(Request request, Response response) {
        String method = request.getMethod();
        String route = request.getAttribute(ROUTE) instanceof String r ? r : UNMATCHED;
        String path = request.getHttpURI().getPath();
        int status = response.getStatus();
        long bytes = Response.getContentBytesWritten(response);
        long nanos = NanoTime.since(request.getBeginNanoTime());
        String tenant = request.getAttribute(TENANT) instanceof String t ? t : null;
        String id = request.getAttribute(RequestIds.ATTRIBUTE) instanceof String i ? i : null;
        metrics.served(method, route, status, Duration.ofNanos(nanos));
        long ms = Duration.ofNanos(nanos).toMillis();
        // this thread is Jetty's, not the request's: its logging context is set for the line alone
        String before = MDC.get(RequestIds.LOG_KEY);
        if (id != null) {
            MDC.put(RequestIds.LOG_KEY, id);
        }
        try {
            var line = LOG.atInfo().addKeyValue("method", method).addKeyValue("route", route).addKeyValue("path", path)
                    .addKeyValue("status", status).addKeyValue("bytes", bytes).addKeyValue("durationMs", ms);
            if (tenant != null) { // none before the key was read (and for refused keys)
                line = line.addKeyValue("tenant", tenant);
            }
            line.addKeyValue("requestId", id).log("{} {} {} {} B {} ms{}", method, path, status, bytes, ms, tenant == null ? "" : " tenant=" + tenant);
        } finally {
            if (before == null) {
                MDC.remove(RequestIds.LOG_KEY);
            } else {
                MDC.put(RequestIds.LOG_KEY, before);
            }
        }
    }
}
