package io.kiln.job;

import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Turns at this node's conversions that run inside the server's own process. A job whose earlier
 * run ended with the server is a suspect: it might be the document that killed it, or it might only
 * have been running beside that document (or beside an outside kill). A suspect runs alone, so that
 * a server death during its run is counted against the one job that could have caused it, not
 * against every job that happened to share the process; the bound of {@link LeaseReaper} then fails
 * the document that really does kill the server, while its innocent neighbours, run alone, succeed.
 *
 * <p>A fair read–write lock: ordinary runs share it, a suspect takes it whole once the runs already
 * going have ended, and runs that come after a waiting suspect wait behind it. Conversions in
 * processes of their own (LibreOffice, Chromium) never take a turn: their crashes spare the server.
 */
final class InProcessRuns {

    private final ReadWriteLock turns = new ReentrantReadWriteLock(true);

    /** Whether a run of {@code job} is a suspect's: an earlier run of it did not come back. */
    static boolean suspect(Job job) {
        return job.attempts() > 1;
    }

    /** Runs {@code conversion} beside other ordinary runs, or alone when {@code alone}. */
    <T> T run(boolean alone, Callable<T> conversion) throws Exception {
        var turn = alone ? turns.writeLock() : turns.readLock();
        turn.lockInterruptibly(); // a cancel or the time limit interrupts a wait for the turn too
        try {
            return conversion.call();
        } finally {
            turn.unlock();
        }
    }
}
