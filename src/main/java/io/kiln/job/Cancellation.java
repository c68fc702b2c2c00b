package io.kiln.job;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The stop signal of one running job. Cancelling interrupts only the step that runs on a thread of
 * its own (a download, a conversion: they hold no database connection), never the worker thread,
 * which reads and writes the store: an interrupt in the middle of a file operation of the
 * embedded database would close its file under every other thread. The worker sees the cancel as
 * an {@link InterruptedException} from {@link #step} or {@link #check}.
 */
final class Cancellation {

    private static final ExecutorService STEPS = Executors.newVirtualThreadPerTaskExecutor();

    private boolean cancelled;
    private Future<?> step;

    /** Stops the job: the step running now is interrupted, the next one does not start. */
    synchronized void cancel() {
        cancelled = true;
        if (step != null) {
            step.cancel(true);
        }
    }

    synchronized boolean cancelled() {
        return cancelled;
    }

    void check() throws InterruptedException {
        if (cancelled()) {
            throw new InterruptedException("the job was cancelled");
        }
    }

    /** Starts {@code work} on a thread of its own, as the job's cancellable step. */
    <T> Future<T> start(Callable<T> work) throws InterruptedException {
        Future<T> f = STEPS.submit(work);
        synchronized (this) {
            if (!cancelled) {
                step = f;
                return f;
            }
        }
        f.cancel(true);
        throw new InterruptedException("the job was cancelled");
    }

    /** The step has ended (or was abandoned): a later cancel has nothing to interrupt. */
    synchronized void finished(Future<?> f) {
        f.cancel(true);
        if (step == f) {
            step = null;
        }
    }

    /** Runs {@code work} as a cancellable step and waits for it; its exception is rethrown as is. */
    <T> T step(Callable<T> work) throws Exception {
        Future<T> f = start(work);
        try {
            return result(f);
        } finally {
            finished(f);
        }
    }

    /** Waits for a step: its value, its exception as is, or a cancel as {@link InterruptedException}. */
    static <T> T result(Future<T> f) throws Exception {
        try {
            return f.get();
        } catch (CancellationException e) {
            throw new InterruptedException("the job was cancelled");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
