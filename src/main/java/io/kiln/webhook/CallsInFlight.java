package io.kiln.webhook;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The sender's calls under way: at most a fixed number at once, each on its own virtual thread and
 * each freeing its slot when it ends, so a receiver that hangs holds its own slot until its call is
 * cut and no one else's. A slot is reserved before its delivery is claimed, so a claimed delivery's
 * call starts at once and the claim lease runs while it is made, not while it waits.
 */
final class CallsInFlight {

    private final Semaphore free;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Runnable ended;

    /** @param ended runs after each call: a slot is free again */
    CallsInFlight(int atOnce, Runnable ended) {
        this.free = new Semaphore(atOnce);
        this.ended = ended;
    }

    /** Takes up to {@code wanted} free slots without waiting; how many it took. */
    int reserve(int wanted) {
        int taken = 0;
        while (taken < wanted && free.tryAcquire()) {
            taken++;
        }
        return taken;
    }

    /** Gives back slots reserved but not used. */
    void unreserve(int slots) {
        free.release(slots);
    }

    int free() {
        return free.availablePermits();
    }

    /**
     * Makes {@code call} in a slot reserved for it.
     *
     * @throws RejectedExecutionException once closing (the slot is given back)
     */
    Future<?> start(Runnable call) {
        try {
            return threads.submit(() -> {
                try {
                    call.run();
                } finally {
                    free.release();
                    ended.run();
                }
            });
        } catch (RejectedExecutionException closing) {
            free.release();
            throw closing;
        }
    }

    /** Interrupts the calls under way (each is made again after a restart) and waits up to {@code grace} for them. */
    void stop(Duration grace) throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    }
}
