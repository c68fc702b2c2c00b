package io.kiln.error;

import java.time.Duration;

/**
 * The service cannot do it now, through no fault of the request: the database or the file storage
 * cannot be reached, or has no space left. Nothing was accepted; the same request may be sent again
 * after {@link #retryAfter()}.
 */
public final class ServiceUnavailable extends KilnException {

    /** How long a client is asked to wait before trying again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    public ServiceUnavailable(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }

    public Duration retryAfter() {
        return RETRY_AFTER;
    }
}
