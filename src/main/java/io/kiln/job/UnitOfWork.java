package io.kiln.job;

/**
 * Runs several store writes as one unit: all of them or none, and one commit instead of one per
 * statement (a commit is the dearest part of a small job on the embedded database).
 */
@FunctionalInterface
public interface UnitOfWork {

    /** For stores without transactions (and tests of one store alone): the writes run as they come. */
    UnitOfWork NONE = Runnable::run;

    void run(Runnable work);
}
