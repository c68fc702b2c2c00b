package io.kiln.job;

/** Ending a job would charge more credits than its key has left; nothing was written. */
public final class InsufficientCreditsException extends RuntimeException {
    public InsufficientCreditsException(String keyId, long cost) {
        super("key " + keyId + " has fewer than the " + cost + " credits this job costs");
    }
}
