package io.kiln.job;

import io.kiln.error.TimeLimits;
import io.kiln.engine.ConversionTask;
import io.kiln.engine.Converter;
import io.kiln.engine.ProducedFile;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a conversion on its own thread (the job's cancellable step) under the task's time limit,
 * renewing the job's lease meanwhile. On timeout or cancel the conversion thread is interrupted
 * (engines with external processes kill them on interrupt).
 */
final class ConversionClock {

    private final JobStore store;
    private final Clock clock;
    private final Duration lease;

    ConversionClock(JobStore store, Clock clock, Duration lease) {
        this.store = store;
        this.clock = clock;
        this.lease = lease;
    }

    List<ProducedFile> run(Converter converter, ConversionTask task, Lease current, Cancellation cancellation)
            throws Exception {
        Future<List<ProducedFile>> f = cancellation.start(() -> converter.convert(task));
        long deadline = System.nanoTime() + task.timeout().plus(converter.queueAllowance()).toNanos();
        long beat = Math.max(50, lease.toMillis() / 3);
        try {
            while (!f.isDone()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new TimeoutException("the conversion took longer than its limit of "
                            + TimeLimits.said(task.timeout()));
                }
                try {
                    f.get(Math.min(left, beat), TimeUnit.MILLISECONDS);
                } catch (TimeoutException tick) {
                    var now = clock.instant();
                    current.renewed(store.update(current.job().withLease(now.plus(lease))));
                } catch (ExecutionException | CancellationException ended) {
                    // done: Cancellation.result tells which way
                }
            }
            return Cancellation.result(f);
        } finally {
            cancellation.finished(f);
        }
    }
}
