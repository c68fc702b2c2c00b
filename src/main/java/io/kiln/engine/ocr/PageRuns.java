package io.kiln.engine.ocr;

import io.kiln.error.ConversionFailed;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The pages of one task being recognised side by side, each run holding one of the engine's process
 * slots (shared by all tasks, so tasks together never run more tesseract processes than there are
 * slots). The caller prepares a page (renders it) only once it holds a slot, so prepared pages never
 * pile up on disk. Closing stops whatever still runs — each run kills its process when interrupted —
 * and waits for it, so a failed or cancelled task leaves nothing behind.
 */
final class PageRuns implements AutoCloseable {

    private final Semaphore slots;
    private final Deadline deadline;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("kiln-ocr-page-", 0).factory());
    /** A slot taken by {@link #awaitSlot} and not yet handed to a run, given back on close. */
    private boolean holdingSlot;

    PageRuns(Semaphore slots, Deadline deadline) {
        this.slots = slots;
        this.deadline = deadline;
    }

    /** Waits for a free slot; the next {@link #start} runs in it. */
    void awaitSlot() throws InterruptedException {
        if (deadline.remainingNanos() == 0 || !slots.tryAcquire(deadline.remainingNanos(), TimeUnit.NANOSECONDS)) {
            throw deadline.exceeded();
        }
        holdingSlot = true;
    }

    /** Runs {@code page} in the slot taken by {@link #awaitSlot}, freeing it when done. */
    <T> Future<T> start(Callable<T> page) {
        if (!holdingSlot) {
            throw new IllegalStateException("awaitSlot first");
        }
        Future<T> run = threads.submit(() -> {
            try {
                return page.call();
            } finally {
                slots.release();
            }
        });
        holdingSlot = false;
        return run;
    }

    /** The page's result, waiting within the deadline; its failure is rethrown as it was thrown. */
    <T> T result(Future<T> page) throws InterruptedException {
        try {
            return page.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw deadline.exceeded();
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case ConversionFailed failed -> throw failed;
                case RuntimeException unexpected -> throw unexpected;
                case Error error -> throw error;
                default -> throw new IllegalStateException("OCR of a page failed", e.getCause());
            }
        }
    }

    @Override
    public void close() {
        if (holdingSlot) {
            holdingSlot = false;
            slots.release();
        }
        threads.shutdownNow(); // interrupts runs still going: on success there are none
        threads.close();
    }
}
