package io.kiln.job;

import java.time.Duration;

/**
 * Whether the queue is full, for backpressure. Counting the queue on every submit costs a scan
 * that grows with the queue, so the count is read at most every {@link #REFRESH} and this node's
 * submits since are added. A refusal is never based on that estimate: before answering "full" the
 * queue is counted afresh.
 */
final class QueueDepth {

    static final Duration REFRESH = Duration.ofMillis(250);

    private final JobStore store;
    private long counted;
    private long addedSince;
    private long countedAtNanos;
    private boolean fresh;

    QueueDepth(JobStore store) {
        this.store = store;
    }

    /** True when at least {@code limit} jobs are queued. */
    synchronized boolean atLeast(long limit) {
        if (!fresh || System.nanoTime() - countedAtNanos > REFRESH.toNanos()) {
            recount();
        }
        if (counted + addedSince < limit) {
            return false;
        }
        recount();
        return counted >= limit;
    }

    synchronized void added() {
        addedSince++;
    }

    private void recount() {
        counted = store.count(JobStatus.QUEUED);
        addedSince = 0;
        countedAtNanos = System.nanoTime();
        fresh = true;
    }
}
