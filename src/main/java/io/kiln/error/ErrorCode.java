package io.kiln.error;

import java.util.Locale;

/** Stable, client-visible error codes. The wire form is {@link #code()}; never rename one. */
public enum ErrorCode {
    // the request itself is wrong
    BAD_REQUEST,
    MALFORMED_BODY,
    UNKNOWN_OPTION,
    INVALID_OPTION,
    UNSUPPORTED_CONVERSION,
    UNSUPPORTED_FORMAT,
    URL_FORBIDDEN,
    UNAUTHORIZED,
    NOT_FOUND,
    CONFLICT,
    PAYLOAD_TOO_LARGE,
    URI_TOO_LONG,
    HEADERS_TOO_LARGE,
    /** The client sent its request (head or body) too slowly. */
    REQUEST_TIMEOUT,
    INSUFFICIENT_CREDITS,
    /** The client asked too often: for now, ids that do not exist ({@code api/GuessLimit}). */
    RATE_LIMITED,
    // the document cannot be converted
    PASSWORD_REQUIRED,
    PASSWORD_INCORRECT,
    CORRUPT_DOCUMENT,
    TOO_MANY_PAGES,
    DOCUMENT_TOO_LARGE,
    URL_FETCH_FAILED,
    // the service cannot do it now, or it went wrong
    QUEUE_FULL,
    UNAVAILABLE,
    STORAGE_FULL,
    TIMEOUT,
    ENGINE_UNAVAILABLE,
    ENGINE_FAILED,
    ABORTED,
    CRASHED,
    INTERNAL;

    /** The lower-case wire name, e.g. {@code password_required}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ErrorCode fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
