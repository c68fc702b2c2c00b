package io.kiln.job;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * In-process wake-ups for long-polls. Each waiter has a future of its own, completed when its job
 * ends or disappears, or by a timer when its wait is over; the waiter parks on it without a
 * timeout. Why not a timed park: on JDK 25.0.3 a virtual thread in a timed park (here a
 * {@code CompletableFuture.get(timeout)}) racing the wake-up of its job now and then stayed parked
 * for good, neither woken nor timed out (seen under load: a {@code ?wait=30} unanswered after 10
 * minutes). The timer is one platform thread with a classic delay queue.
 */
public final class JobEvents {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final ConcurrentMap<String, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();
    private final List<Consumer<Job>> onEnd = new CopyOnWriteArrayList<>();

    /** Runs {@code listener} with the job after every job end on this node (e.g. to wake the webhook sender). */
    public void onEnd(Consumer<Job> listener) {
        onEnd.add(listener);
    }

    /** A wait on {@code key}: register it before reading the job's state, {@link Wait#close close} it after. */
    public Wait register(String key) {
        CompletableFuture<Void> wake = new CompletableFuture<>();
        waiting.compute(key, (k, set) -> {
            Set<CompletableFuture<Void>> s = set == null ? new HashSet<>() : set;
            s.add(wake);
            return s;
        });
        return new Wait(key, wake);
    }

    /** The job ended, was deleted or expired: wake everyone waiting on it. */
    public void ended(Job job) {
        wake(job.key());
        onEnd.forEach(listener -> listener.accept(job));
    }

    /**
     * Another node ended, deleted or expired the job with this {@link Job#key() key}: wake its waiters
     * here (they read its state again); this node's end listeners are not run, the other node ran its own.
     */
    public void endedElsewhere(String key) {
        wake(key);
    }

    private void wake(String key) {
        Set<CompletableFuture<Void>> woken = waiting.remove(key);
        if (woken != null) {
            woken.forEach(f -> f.complete(null));
        }
    }

    /** How many waits are registered (across jobs). */
    public int waiters() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }

    /** One registered wait. */
    public final class Wait implements AutoCloseable {

        private final String key;
        private final CompletableFuture<Void> wake;

        private Wait(String key, CompletableFuture<Void> wake) {
            this.key = key;
            this.wake = wake;
        }

        /** Blocks until the job ends or {@code limit} has passed (whichever first); no timed park. */
        public void await(Duration limit) {
            ScheduledFuture<?> timeout = TIMER.schedule(() -> wake.complete(null), limit.toNanos(), TimeUnit.NANOSECONDS);
            try {
                wake.join();
            } finally {
                timeout.cancel(false);
            }
        }

        @Override
        public void close() {
            waiting.computeIfPresent(key, (k, set) -> {
                set.remove(wake);
                return set.isEmpty() ? null : set;
            });
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                r -> Thread.ofPlatform().daemon().name("kiln-wait-timer").unstarted(r));
        timer.setRemoveOnCancelPolicy(true); // thousands of waits answered early leave no dead entries
        return timer;
    }
}
