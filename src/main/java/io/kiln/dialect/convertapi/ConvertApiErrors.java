package io.kiln.dialect.convertapi;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.kiln.api.ErrorShape;
import io.kiln.api.Json;
import io.kiln.api.Problems;
import io.kiln.error.ErrorCode;
import io.kiln.error.KilnException;
import io.kiln.job.Job;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one table from Kiln's error codes to ConvertAPI's statuses and codes, and the writer of its
 * error body. Codes follow ConvertAPI's published list where it has one (4000, 4002, 4010, 4013,
 * 4014, 5000–5007); the others are the status followed by a zero (4040, 4220, …).
 */
final class ConvertApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ConvertApiErrors.class);

    private ConvertApiErrors() {
    }

    /** A refused request. */
    static ConvertApiError rejected(ErrorCode code, String message) {
        return switch (code) {
            case BAD_REQUEST, UNKNOWN_OPTION, INVALID_OPTION, URL_FORBIDDEN -> ConvertApiError.of(400, 4000, message);
            case MALFORMED_BODY -> ConvertApiError.of(400, 4002, message);
            case UNAUTHORIZED -> ConvertApiError.of(401, 4010, message);
            case INSUFFICIENT_CREDITS -> ConvertApiError.of(401, 4014, message);
            case NOT_FOUND -> ConvertApiError.of(404, 4040, message);
            case CONFLICT -> ConvertApiError.of(409, 4090, message);
            case REQUEST_TIMEOUT -> ConvertApiError.of(408, 4080, message);
            case PAYLOAD_TOO_LARGE -> ConvertApiError.of(413, 4130, message);
            case URI_TOO_LONG -> ConvertApiError.of(414, 4140, message);
            case HEADERS_TOO_LARGE -> ConvertApiError.of(431, 4310, message);
            case UNSUPPORTED_FORMAT -> ConvertApiError.of(415, 4150, message);
            case UNSUPPORTED_CONVERSION -> ConvertApiError.of(422, 4220, message);
            case QUEUE_FULL, RATE_LIMITED -> ConvertApiError.of(429, 4290, message);
            case UNAVAILABLE -> ConvertApiError.of(503, 5031, message);
            case STORAGE_FULL -> ConvertApiError.of(507, 5070, message);
            case TIMEOUT -> ConvertApiError.of(500, 5000, message);
            case CORRUPT_DOCUMENT -> ConvertApiError.of(500, 5002, message);
            case PASSWORD_REQUIRED -> ConvertApiError.of(500, 5003, message);
            case PASSWORD_INCORRECT -> ConvertApiError.of(500, 5006, message);
            case URL_FETCH_FAILED -> ConvertApiError.of(500, 5007, message);
            case ENGINE_UNAVAILABLE -> ConvertApiError.of(501, 5010, message);
            case TOO_MANY_PAGES, DOCUMENT_TOO_LARGE, ENGINE_FAILED, ABORTED, CRASHED, INTERNAL ->
                    ConvertApiError.of(500, 5001, message);
        };
    }

    /**
     * A conversion that ended without a result. A 5XX, as ConvertAPI documents for polls (never 503,
     * which a polling client reads as "poll again"), its code one of the 5XXX ones that say why; an
     * error that is no conversion failure of its own (an option found wrong only once the document was
     * open, a dependency lost) is the general 5001, its message saying why, so that the code stays the
     * status followed by a digit, as in ConvertAPI's list. The one exception is a result the key's
     * balance could not pay for: the same balance error (401, 4014) a key with nothing left gets at
     * submit, sync or polled.
     */
    static ConvertApiError failed(Job job) {
        if (job.error() == null) {
            return ConvertApiError.of(500, 5001, "the conversion was aborted");
        }
        ConvertApiError e = rejected(job.error().code(), job.error().message());
        if (job.error().code() == ErrorCode.INSUFFICIENT_CREDITS) {
            return e;
        }
        return e.status() >= 500 && e.status() != 503 ? e : ConvertApiError.of(500, 5001, e.message());
    }

    static ConvertApiError of(Throwable t) {
        Throwable e = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (e instanceof ConvertApiFailure f) {
            return f.error();
        }
        if (e instanceof KilnException k) {
            if (k.getCause() != null) {
                LOG.debug("{}: {}", k.code().code(), k.getMessage(), k.getCause());
            }
            return rejected(k.code(), k.getMessage());
        }
        LOG.error("unexpected error in the ConvertAPI dialect", e);
        return ConvertApiError.of(500, 5001, "an internal error occurred");
    }

    static void write(Context ctx, ConvertApiError e) {
        switch (e.status()) {
            case 401 -> ctx.header("WWW-Authenticate", "Bearer");
            case 413 -> ctx.header("Connection", "close"); // the rest of the body may be unread
            default -> Problems.retryAfter(ctx, e.status());
        }
        if (e.code() == 4002) {
            ctx.header("Connection", "close");
        }
        ctx.status(e.status()).contentType("application/json").result(Json.write(e.body()));
    }

    /** ConvertAPI's error body, for the paths the dialect is mounted at. */
    static ErrorShape shape(String prefix) {
        return new ErrorShape() {
            @Override
            public boolean owns(String path) {
                return ErrorShape.under(path, prefix, "/convert/", "/async", "/job", "/upload", "/d");
            }

            @Override
            public Rendered render(ErrorCode code, String message) {
                ConvertApiError e = rejected(code, message);
                return new Rendered(e.status(), "application/json", Json.write(e.body()));
            }
        };
    }

    /** A handler whose failures are answered in ConvertAPI's shape instead of Kiln's problem documents. */
    static Handler guarded(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (Exception e) { // the servlet container's failures arrive as undeclared checked exceptions
                write(ctx, of(e));
            }
        };
    }
}
