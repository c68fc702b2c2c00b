package io.kiln.error;

/** A request refused before (or instead of) doing any work: bad input, not found, limits, auth. */
public final class RequestRejected extends KilnException {
    public RequestRejected(ErrorCode code, String message) {
        super(code, message, null);
    }

    public RequestRejected(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
