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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed number of worker loops that claim queued jobs from the store and run them. Claiming is
 * an optimistic update, so several nodes can share one store. Idle workers sleep until woken by a
 * submit on this node, or for at most {@link #IDLE_POLL} (jobs submitted on other nodes).
 */
public final class Workers implements AutoCloseable {

    static final Duration IDLE_POLL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);

    private final JobStore store;
    private final JobRunner runner;
    private final Clock clock;
    private final int size;
    private final Duration lease;
    private final String node;
    private final Semaphore wakeups = new Semaphore(0);
    private final ConcurrentMap<String, Thread> running = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

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

    /** Interrupts the job's conversion if it runs on this node. */
    public void cancel(String jobKey) {
        Thread t = running.get(jobKey);
        if (t != null) {
            t.interrupt();
        }
    }

    public int busy() {
        return running.size();
    }

    public int size() {
        return size;
    }

    private void loop() {
        while (!closed) {
            try {
                Optional<Job> job = claim();
                if (job.isPresent()) {
                    run(job.get());
                } else {
                    wakeups.tryAcquire(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.error("worker loop error", e);
                sleepQuietly();
            }
        }
    }

    private void run(Job job) {
        running.put(job.key(), Thread.currentThread());
        try {
            runner.run(job);
        } finally {
            running.remove(job.key());
            Thread.interrupted(); // a cancel that arrived after the job ended must not hit the next one
        }
    }

    Optional<Job> claim() {
        if (closed) {
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

    private static void sleepQuietly() {
        try {
            Thread.sleep(IDLE_POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
