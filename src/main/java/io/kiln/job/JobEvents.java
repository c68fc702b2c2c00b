package io.kiln.job;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Future;

/**
 * In-process wake-ups for long-polls: one shared future per job that completes when the job ends
 * or disappears. Waiting costs a map entry and the waiter's parked (virtual) thread.
 */
public final class JobEvents {

    private final ConcurrentMap<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    private final java.util.List<java.util.function.Consumer<Job>> onEnd = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Runs {@code listener} with the job after every job end on this node (e.g. to wake the webhook sender). */
    public void onEnd(java.util.function.Consumer<Job> listener) {
        onEnd.add(listener);
    }

    /**
     * Done when {@code key} next ends. Register before reading the job's state. Read-only
     * ({@code Future}), so no waiter can complete the one future all waiters of the job share.
     */
    public Future<Void> whenEnded(String key) {
        return waiting.computeIfAbsent(key, k -> new CompletableFuture<>());
    }

    /** The job ended, was deleted or expired: wake everyone waiting on it. */
    public void ended(Job job) {
        CompletableFuture<Void> f = waiting.remove(job.key());
        if (f != null) {
            f.complete(null);
        }
        onEnd.forEach(listener -> listener.accept(job));
    }

    public int waiters() {
        return waiting.size();
    }
}
