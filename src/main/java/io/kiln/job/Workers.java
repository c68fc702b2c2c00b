package io.kiln.job;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import io.kiln.error.ServiceUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed number of worker loops that claim queued jobs from the store and run them. Claiming is
 * an optimistic update, so several nodes can share one store. Idle workers sleep until woken by a
 * submit on this node, or for at most {@link #IDLE_POLL} (jobs submitted on other nodes).
 */
public final class Workers implements AutoCloseable {

    static final Duration IDLE_POLL = Duration.ofSeconds(1);
    /** The longest a worker waits between tries while the database or storage is unavailable. */
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);

    private final JobStore store;
    private final JobRunner runner;
    private final Clock clock;
    private final int size;
    private final Duration lease;
    private final String node;
    private final Semaphore wakeups = new Semaphore(0);
    private final OutageLog outages = new OutageLog(LOG, "workers");
    private final ConcurrentMap<String, Cancellation> running = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;
    /** Stopping: running jobs may finish, no new one is claimed. */
    private volatile boolean draining;

    public Workers(JobStore store, JobRunner runner, Clock clock, int size, Duration lease, String node) {
        this.store = store;
        this.runner = runner;
        this.clock = clock;
        this.size = size;
        this.lease = lease;
        this.node = node;
    }

    public synchronized void start() {
        for (int i = 0; i < size; i++) {
            threads.add(Thread.ofVirtual().name("kiln-worker-" + i).start(this::loop));
        }
        LOG.info("{} workers started on node {}", size, node);
    }

    /** A job was queued: let an idle worker look. */
    public void wake() {
        if (wakeups.availablePermits() < size) {
            wakeups.release();
        }
    }

    /** Stops the job's download or conversion if it runs on this node (see {@link Cancellation}). */
    public void cancel(String jobKey) {
        Cancellation c = running.get(jobKey);
        if (c != null) {
            c.cancel();
        }
    }

    public int busy() {
        return running.size();
    }

    public int size() {
        return size;
    }

    private void loop() {
        Duration pause = Duration.ZERO;
        while (!closed) {
            try {
                Optional<Job> job = claim();
                if (job.isPresent()) {
                    run(job.get());
                } else {
                    wakeups.tryAcquire(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
                }
                if (!pause.isZero()) {
                    pause = Duration.ZERO;
                    outages.ended();
                }
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
            } catch (ServiceUnavailable e) {
                // the database or storage is gone: wait, longer each time, and say so once per outage
                // (while draining it is the stopping engines that gave the job back: nothing to report)
                if (!draining) {
                    outages.began(e);
                }
                pause = pause.isZero() ? IDLE_POLL : min(pause.multipliedBy(2), LONGEST_PAUSE);
                sleepQuietly(pause);
            } catch (RuntimeException e) {
                LOG.error("worker loop error", e);
                sleepQuietly(IDLE_POLL);
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void run(Job job) {
        Cancellation cancellation = new Cancellation();
        running.put(job.key(), cancellation);
        try {
            if (!closed) {
                runner.run(job, cancellation);
            }
        } finally {
            running.remove(job.key());
            if (closed) {
                handBack(job);
            }
        }
    }

    /**
     * A job this node stopped before it ended goes back to the queue at once, so another node (or
     * the next start) takes it without waiting for its lease to run out. Not counted as an attempt.
     */
    private void handBack(Job job) {
        try {
            store.find(job.tenant(), job.id())
                    .filter(j -> j.status() == JobStatus.WORKING && node.equals(j.leaseOwner()))
                    .ifPresent(j -> {
                        store.update(j.givenBack());
                        LOG.info("job {} handed back to the queue: the server is stopping", j.key());
                    });
        } catch (RuntimeException e) {
            // its lease runs out and the reaper of another node (or of the next start) re-queues it
            LOG.warn("job {} could not be handed back ({}); its lease will lapse", job.key(), e.getMessage());
        }
    }

    /**
     * Stops claiming jobs and waits up to {@code timeout} for the running ones to end; returns how
     * many still run (they are cancelled and handed back by {@link #close()}).
     */
    public int drain(Duration timeout) {
        draining = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            sleepQuietly(Duration.ofMillis(50));
        }
        return running.size();
    }

    Optional<Job> claim() {
        if (closed || draining) {
            return Optional.empty();
        }
        for (Job candidate : store.nextQueued(size * 2)) {
            var now = clock.instant();
            try {
                return Optional.of(store.update(candidate.claimed(node, now, now.plus(lease))));
            } catch (StaleJobException lost) {
                // another worker got it first
            }
        }
        return Optional.empty();
    }

    private static void sleepQuietly(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the workers: running conversions are cancelled and their jobs handed back to the queue,
     * idle workers woken. Worker threads are not interrupted (see {@link Cancellation}).
     */
    @Override
    public void close() {
        closed = true;
        running.values().forEach(Cancellation::cancel);
        wakeups.release(size);
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
