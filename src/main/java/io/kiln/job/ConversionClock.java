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
 * (engines with external processes kill them on interrupt). A conversion inside the server's process
 * takes its turn at {@link InProcessRuns} first.
 */
final class ConversionClock {

    private final JobStore store;
    private final Clock clock;
    private final Duration lease;
    private final InProcessRuns inProcess = new InProcessRuns();

    ConversionClock(JobStore store, Clock clock, Duration lease) {
        this.store = store;
        this.clock = clock;
        this.lease = lease;
    }

    List<ProducedFile> run(Converter converter, ConversionTask task, Lease current, Cancellation cancellation)
            throws Exception {
        boolean alone = converter.runsInServerProcess() && InProcessRuns.suspect(current.job());
        Future<List<ProducedFile>> f = cancellation.start(() -> converter.runsInServerProcess()
                ? inProcess.run(alone, () -> converter.convert(task)) : converter.convert(task));
        // a suspect first waits for the runs already going, each within its own limit
        Duration allowance = converter.queueAllowance().plus(alone ? task.timeout() : Duration.ZERO);
        long deadline = System.nanoTime() + task.timeout().plus(allowance).toNanos();
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
