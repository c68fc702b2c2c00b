package io.kiln.dialect.pdfco;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.kiln.api.ErrorShape;
import io.kiln.api.Json;
import io.kiln.api.Problems;
import io.kiln.error.ErrorCode;
import io.kiln.error.KilnException;
import io.kiln.job.Job;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place PDF.co errors are made: {@code {error:true, status, message}} with that HTTP status. */
final class PdfCoErrors {

    private static final Logger LOG = LoggerFactory.getLogger(PdfCoErrors.class);

    private PdfCoErrors() {
    }

    /** PDF.co's codes: 400 bad input, 401 unauthorized, 403 not enough credits, 405 timeout. */
    static int status(ErrorCode code) {
        return switch (code) {
            case UNAUTHORIZED -> 401;
            case INSUFFICIENT_CREDITS -> 403;
            case NOT_FOUND -> 404;
            case TIMEOUT -> 405;
            case REQUEST_TIMEOUT -> 408;
            case PAYLOAD_TOO_LARGE -> 413;
            case URI_TOO_LONG -> 414;
            case HEADERS_TOO_LARGE -> 431;
            case QUEUE_FULL, RATE_LIMITED -> 429;
            case UNAVAILABLE -> 503;
            case STORAGE_FULL -> 507;
            case ENGINE_UNAVAILABLE -> 501;
            case ENGINE_FAILED, CRASHED, INTERNAL -> 500;
            default -> 400;
        };
    }

    /** PDF.co's error body, for the paths the dialect is mounted at. */
    static ErrorShape shape(String prefix) {
        return new ErrorShape() {
            @Override
            public boolean owns(String path) {
                return ErrorShape.under(path, prefix, "/v1/pdf", "/v1/file", "/v1/job", "/v1/pdfco");
            }

            @Override
            public Rendered render(ErrorCode code, String message) {
                return new Rendered(status(code), "application/json", Json.write(body(status(code), message, Map.of())));
            }
        };
    }

    /** Runs a handler, answering any error it throws in PDF.co's shape. */
    static Handler guard(Handler handler) {
        return ctx -> run(ctx, handler);
    }

    /** As {@link #guard}, for work done later (a sync call's answer once its job ends). */
    static void run(Context ctx, Handler work) {
        try {
            work.handle(ctx);
        } catch (KilnException e) {
            write(ctx, status(e.code()), e.getMessage(), Map.of());
        } catch (Exception e) {
            LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, 500, "an internal error occurred", Map.of());
        }
    }

    /** A sync call whose job failed or was aborted. */
    static void failed(Context ctx, Job job) {
        ErrorCode code = job.error() == null ? ErrorCode.ABORTED : job.error().code();
        String message = job.error() == null ? "the job was aborted" : job.error().message();
        write(ctx, status(code), message, Map.of("jobId", job.id()));
    }

    /** A sync call that ran out of time; its job goes on. */
    static void timeout(Context ctx, String jobId, Duration limit) {
        write(ctx, 405, "Timeout error: the job did not end within " + limit.toMillis() + " ms. It goes on: check it "
                + "with /v1/job/check and jobId " + jobId + ", or use async mode (async: true).", Map.of("jobId", jobId));
    }

    static void write(Context ctx, int status, String message, Map<String, Object> extra) {
        Problems.retryAfter(ctx, status);
        ctx.status(status).contentType("application/json").result(Json.write(body(status, message, extra)));
    }

    private static Map<String, Object> body(int status, String message, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", true);
        body.put("status", status);
        body.put("message", message);
        body.putAll(extra);
        return body;
    }
}
