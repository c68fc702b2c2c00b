package io.kiln.job;

import io.kiln.error.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives jobs of dead workers back to the queue. A node that dies (kill -9, power, the OOM killer) is
 * not the job's fault, so a job is re-queued however often that happens; the one exception is a job
 * whose conversion runs inside the server's own process, which could be what killed it: after
 * {@link #MAX_IN_PROCESS_CRASHES} runs that ended with the server, it fails {@code crashed} instead
 * of taking the server down in a loop. Such a job runs alone after its first lost run
 * ({@link InProcessRuns}), so the count is its own, not its neighbours'. (Conversions in processes of
 * their own, LibreOffice and Chromium, crash only those processes, which their pools replace.)
 */
public final class LeaseReaper {

    /**
     * An outside kill -9 looks the same as a crash the document caused. At 5, the 200-kill storm
     * (one kill every ~8 s) failed 2 of 3,099 valid jobs this way; at 10, 0 of 2,210, but 1 of 1,908
     * (a PDF → PNG job) when the machine was loaded (load average 8): a slow conversion right after
     * a restart is hit in about half its runs. In-process engines are Java (PDFBox, ImageIO), so a
     * document that really kills the server is rare, and an outside kill (a deploy, the OOM killer,
     * a lost node) common: at 25, such a document costs 25 restarts (a few seconds each) once.
     */
    static final int MAX_IN_PROCESS_CRASHES = 25;
    private static final Logger LOG = LoggerFactory.getLogger(LeaseReaper.class);

    private final JobStore store;
    private final JobEvents events;
    private final Workers workers;
    private final Clock clock;
    private final Duration ttl;
    private final Predicate<Job> runsInServerProcess;
    private final Durability durability;

    /**
     * @param runsInServerProcess whether a job's conversion runs inside the server's process
     * @param durability makes a crashed job's end survive the next crash before anyone hears of it
     */
    public LeaseReaper(JobStore store, JobEvents events, Workers workers, Clock clock, Duration ttl,
                       Predicate<Job> runsInServerProcess, Durability durability) {
        this.store = store;
        this.events = events;
        this.workers = workers;
        this.clock = clock;
        this.ttl = ttl;
        this.runsInServerProcess = runsInServerProcess;
        this.durability = durability;
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
                if (job.attempts() >= MAX_IN_PROCESS_CRASHES && runsInServerProcess.test(job)) {
                    Job ended = store.update(job.ended(JobStatus.FAILED, clock.instant(), ttl, job.from(), List.of(),
                            new JobError(ErrorCode.CRASHED, "the server stopped " + job.attempts()
                                    + " times while converting this document; it is not tried again"), 0));
                    durability.await();
                    events.ended(ended);
                    LOG.warn("job {} failed: the server stopped during each of its {} runs", job.key(), job.attempts());
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
