package io.kiln.error;

/** A conversion that ran and failed: the job ends {@code failed} with this code and message. */
public final class ConversionFailed extends KilnException {
    public ConversionFailed(ErrorCode code, String message) {
        super(code, message, null);
    }

    public ConversionFailed(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
