package io.kiln.engine;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The running figures each {@link WarmPool} keeps alike: who waits for a process, and what starts cost. */
public final class PoolCounters {

    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong warmUps = new AtomicLong();
    private final AtomicLong warmUpNanos = new AtomicLong();

    public void waitBegan() {
        waiting.incrementAndGet();
    }

    public void waitEnded() {
        waiting.decrementAndGet();
    }

    /** A process started and is ready, {@code startedNanos} ({@link System#nanoTime()}) after its start began. */
    public void warmedUp(long startedNanos) {
        warmUps.incrementAndGet();
        warmUpNanos.addAndGet(System.nanoTime() - startedNanos);
    }

    public int waiting() {
        return waiting.get();
    }

    public long warmUps() {
        return warmUps.get();
    }

    public Duration warmUpTime() {
        return Duration.ofNanos(warmUpNanos.get());
    }
}
