package io.kiln.engine.ocr;

import io.kiln.error.TimeLimits;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.time.Duration;

/** When a task's time is up. Every wait of the engine (a free slot, a page, a process) ends by it. */
record Deadline(long endNanos, Duration limit) {

    /** Used when a task carries no limit of its own (tests, the CLI). */
    static final Duration DEFAULT_LIMIT = Duration.ofMinutes(10);

    static Deadline after(Duration limit) {
        Duration l = limit == null || !limit.isPositive() ? DEFAULT_LIMIT : limit;
        return new Deadline(System.nanoTime() + l.toNanos(), l);
    }

    /** Nanoseconds left, zero when past. */
    long remainingNanos() {
        return Math.max(0, endNanos - System.nanoTime());
    }

    ConversionFailed exceeded() {
        return new ConversionFailed(ErrorCode.TIMEOUT,
                "OCR took longer than its limit of " + TimeLimits.said(limit) + ".");
    }
}
