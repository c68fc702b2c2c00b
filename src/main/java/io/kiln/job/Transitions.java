package io.kiln.job;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The table of allowed status moves; every status change in Kiln is checked here. */
public final class Transitions {

    private static final Map<JobStatus, Set<JobStatus>> ALLOWED = Map.of(
            JobStatus.QUEUED, EnumSet.of(JobStatus.WORKING, JobStatus.ABORTED, JobStatus.FAILED),
            // WORKING → QUEUED is the lease reaper giving a dead worker's job back to the queue
            JobStatus.WORKING, EnumSet.of(JobStatus.SUCCESS, JobStatus.FAILED, JobStatus.ABORTED, JobStatus.QUEUED),
            JobStatus.SUCCESS, EnumSet.noneOf(JobStatus.class),
            JobStatus.FAILED, EnumSet.noneOf(JobStatus.class),
            JobStatus.ABORTED, EnumSet.noneOf(JobStatus.class));

    private Transitions() {
    }

    /** @throws IllegalTransitionException when {@code from → to} is not a legal move */
    public static void check(JobStatus from, JobStatus to) {
        if (!ALLOWED.get(from).contains(to)) {
            throw new IllegalTransitionException(from, to);
        }
    }

    /** A move the state machine forbids: a bug or a lost race, never silently ignored. */
    public static final class IllegalTransitionException extends IllegalStateException {
        IllegalTransitionException(JobStatus from, JobStatus to) {
            super("illegal job transition " + from.wire() + " → " + to.wire());
        }
    }
}
