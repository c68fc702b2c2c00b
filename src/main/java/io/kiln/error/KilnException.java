package io.kiln.error;

/**
 * Base of every error Kiln reports to a client. The message is the plain sentence a client is
 * shown; the cause (if any) is what gets logged.
 */
public abstract sealed class KilnException extends RuntimeException
        permits RequestRejected, ConversionFailed, ServiceUnavailable {

    private final ErrorCode code;

    protected KilnException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
