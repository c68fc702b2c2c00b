package io.kiln.engine.html;

import io.kiln.error.TimeLimits;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs each render on a thread of its own, so that the caller keeps its time limit: when the limit
 * passes, or the caller is interrupted (a cancelled job), the caller returns at once and the render's
 * thread is interrupted; {@link Interruptible} points inside the renderer then end it.
 */
final class RenderThreads implements AutoCloseable {

    private final ExecutorService threads = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("kiln-openhtmltopdf-", 0).daemon().factory());

    /**
     * {@code work}'s result.
     *
     * @throws ConversionFailed {@code timeout} after {@code limit}; the failure {@code work} threw;
     *     {@code engine_failed} for anything else it threw
     */
    <T> T run(Callable<T> work, Duration limit) throws InterruptedException {
        Future<T> render;
        try {
            render = threads.submit(work);
        } catch (RejectedExecutionException e) {
            throw new ConversionFailed(ErrorCode.ENGINE_UNAVAILABLE, "the HTML renderer is shut down");
        }
        try {
            return render.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            render.cancel(true);
            throw new ConversionFailed(ErrorCode.TIMEOUT, "the page did not print within " + TimeLimits.said(limit));
        } catch (InterruptedException e) {
            render.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    private static ConversionFailed failure(Throwable cause) {
        if (cause instanceof ConversionFailed failed) {
            return failed;
        }
        if (cause instanceof StackOverflowError) {
            return new ConversionFailed(ErrorCode.CORRUPT_DOCUMENT, "the page is nested too deeply to print", cause);
        }
        return new ConversionFailed(ErrorCode.ENGINE_FAILED, "the page could not be printed", cause);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
