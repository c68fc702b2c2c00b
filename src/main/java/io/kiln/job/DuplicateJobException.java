package io.kiln.job;

/** A job with this tenant and id already exists. */
public final class DuplicateJobException extends RuntimeException {
    public DuplicateJobException(String key) {
        super("job " + key + " already exists");
    }
}
