package io.kiln.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How long to wait after each failed attempt: {@code delays.get(n - 1)} follows the n-th attempt, so
 * a delivery is tried at most {@code delays.size() + 1} times; after the last one it has failed.
 *
 * @param delays the waits in order, each positive; empty means a single attempt
 */
public record RetrySchedule(List<Duration> delays) {

    /**
     * The default: waits doubling from 5 s, the last one stretched so the schedule spans exactly
     * 24 h — 5 s, 10 s, 20 s, 40 s, 80 s, 160 s, 320 s, 640 s, 1280 s, 2560 s, 5120 s, 10240 s,
     * 20480 s, then 45445 s (12 h 37 min 25 s): 15 attempts, the last 24 h after the first.
     */
    public static final RetrySchedule DEFAULT = exponential(Duration.ofSeconds(5), Duration.ofHours(24));

    /** The most a receiver's {@code Retry-After} may push one retry out: a typo must not park a delivery for a year. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    /** The most steps a schedule may have: every attempt is kept in the row's history, which has a size limit. */
    public static final int MAX_STEPS = 100;

    public RetrySchedule {
        delays = List.copyOf(delays);
        if (delays.size() > MAX_STEPS) {
            throw new IllegalArgumentException(
                    "a retry schedule has at most " + MAX_STEPS + " steps, not " + delays.size());
        }
        for (Duration d : delays) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("retry delays must be positive, not " + d);
            }
        }
    }

    public static RetrySchedule of(Duration... delays) {
        return new RetrySchedule(List.of(delays));
    }

    /**
     * Waits doubling from {@code first} while their sum stays within {@code span}; the last wait takes
     * what is left, so the last attempt comes exactly {@code span} after the first.
     */
    public static RetrySchedule exponential(Duration first, Duration span) {
        if (first.isNegative() || first.isZero() || span.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= span, got " + first + " and " + span);
        }
        List<Duration> delays = new ArrayList<>();
        Duration total = Duration.ZERO;
        for (Duration next = first; total.plus(next).compareTo(span) <= 0; next = next.multipliedBy(2)) {
            delays.add(next);
            total = total.plus(next);
        }
        Duration rest = span.minus(total);
        if (!rest.isZero()) {
            // stretch the last wait rather than add a shorter one after it: waits never shrink
            delays.set(delays.size() - 1, delays.getLast().plus(rest));
        }
        return new RetrySchedule(delays);
    }

    /** The wait after attempt {@code attempt} (1-based) failed, or empty when that was the last one. */
    public Optional<Duration> delayAfter(int attempt) {
        return attempt >= 1 && attempt <= delays.size() ? Optional.of(delays.get(attempt - 1)) : Optional.empty();
    }

    public int maxAttempts() {
        return delays.size() + 1;
    }

    /** From the first attempt to the last. */
    public Duration span() {
        return delays.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
