package io.kiln.api;

import io.javalin.http.Context;
import io.kiln.error.ErrorCode;
import io.kiln.error.ServiceUnavailable;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one table from error codes to HTTP statuses, and the RFC 9457 body every error uses. */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";

    private Problems() {
    }

    public static int status(ErrorCode code) {
        return switch (code) {
            case BAD_REQUEST, MALFORMED_BODY, UNKNOWN_OPTION, INVALID_OPTION, UNSUPPORTED_CONVERSION,
                 URL_FORBIDDEN -> 400;
            case REQUEST_TIMEOUT -> 408;
            case URI_TOO_LONG -> 414;
            case HEADERS_TOO_LARGE -> 431;
            case UNAUTHORIZED -> 401;
            case INSUFFICIENT_CREDITS -> 402;
            case NOT_FOUND -> 404;
            case CONFLICT, ABORTED -> 409;
            case PAYLOAD_TOO_LARGE -> 413;
            case UNSUPPORTED_FORMAT, PASSWORD_REQUIRED, PASSWORD_INCORRECT, CORRUPT_DOCUMENT, TOO_MANY_PAGES,
                 DOCUMENT_TOO_LARGE, URL_FETCH_FAILED -> 422;
            case QUEUE_FULL, RATE_LIMITED -> 429;
            case ENGINE_UNAVAILABLE -> 501;
            case TIMEOUT, UNAVAILABLE -> 503;
            case STORAGE_FULL -> 507;
            case ENGINE_FAILED, CRASHED, INTERNAL -> 500;
        };
    }

    /** Writes a problem document; {@code extra} members (e.g. jobId) are added to it. */
    public static void write(Context ctx, ErrorCode code, String detail, Map<String, Object> extra) {
        int status = status(code);
        Map<String, Object> body = body(code, detail);
        body.putAll(extra);
        retryAfter(ctx, status);
        closeIfBodyUnread(ctx, code);
        if (code == ErrorCode.UNAUTHORIZED) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        ctx.status(status).contentType(CONTENT_TYPE).result(Json.write(body));
    }

    /** After a refusal that may leave the rest of the body unread, the connection cannot be reused. */
    static void closeIfBodyUnread(Context ctx, ErrorCode code) {
        if (code == ErrorCode.MALFORMED_BODY || code == ErrorCode.PAYLOAD_TOO_LARGE || code == ErrorCode.REQUEST_TIMEOUT) {
            ctx.header("Connection", "close");
        }
    }

    /**
     * Tells the client when to come back, for every dialect alike: a full queue (429), a lost
     * dependency (503) or a full disk (507) is a "not now", not a "no".
     */
    public static void retryAfter(Context ctx, int status) {
        retryAfterSeconds(status).ifPresent(s -> ctx.header("Retry-After", s));
    }

    /** The {@code Retry-After} value for an answer of {@code status}, if it is one that says "not now". */
    static java.util.Optional<String> retryAfterSeconds(int status) {
        return status == 429 || status == 503 || status == 507
                ? java.util.Optional.of(Long.toString(ServiceUnavailable.RETRY_AFTER.toSeconds()))
                : java.util.Optional.empty();
    }

    public static void write(Context ctx, ErrorCode code, String detail) {
        write(ctx, code, detail, Map.of());
    }

    /** The problem document for {@code code}: type, title, status, detail and Kiln's stable code. */
    public static Map<String, Object> body(ErrorCode code, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:kiln:error:" + code.code());
        body.put("title", title(code));
        body.put("status", status(code));
        body.put("detail", detail);
        body.put("code", code.code());
        return body;
    }

    private static String title(ErrorCode code) {
        String s = code.code().replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
