package io.kiln.job;

import io.kiln.error.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives jobs of dead workers back to the queue. A job whose conversion has already killed its
 * worker {@link #MAX_ATTEMPTS} times fails with {@code crashed} instead of looping forever.
 */
public final class LeaseReaper {

    static final int MAX_ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(LeaseReaper.class);

    private final JobStore store;
    private final JobEvents events;
    private final Workers workers;
    private final Clock clock;
    private final Duration ttl;

    public LeaseReaper(JobStore store, JobEvents events, Workers workers, Clock clock, Duration ttl) {
        this.store = store;
        this.events = events;
        this.workers = workers;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Re-queues working jobs whose lease ran out. */
    public int reapExpired() {
        return reap(store.expiredLeases(clock.instant(), 1000));
    }

    /**
     * At start of an embedded (single-process) server every working job belongs to a previous,
     * dead run of this process: re-queue them at once instead of waiting for their leases.
     */
    public int reapAllWorking() {
        return reap(store.working(100_000));
    }

    private int reap(List<Job> jobs) {
        int n = 0;
        for (Job job : jobs) {
            try {
                if (job.attempts() >= MAX_ATTEMPTS) {
                    store.update(job.ended(JobStatus.FAILED, clock.instant(), ttl, job.from(), List.of(),
                            new JobError(ErrorCode.CRASHED, "the conversion stopped its worker " + job.attempts()
                                    + " times"), 0));
                    events.ended(job);
                } else {
                    store.update(job.requeued());
                }
                n++;
            } catch (StaleJobException e) {
                // its worker was alive after all, or another node reaped it
            }
        }
        if (n > 0) {
            LOG.info("re-queued {} jobs whose workers stopped", n);
            workers.wake();
        }
        return n;
    }
}
