package io.kiln.job;

/** An update lost a race: the job changed or vanished since it was read. Never swallowed silently. */
public final class StaleJobException extends RuntimeException {
    public StaleJobException(Job job) {
        super("job " + job.key() + " changed since version " + job.version());
    }
}
