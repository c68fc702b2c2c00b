package io.kiln.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What follows an attempt: delivered on a 2xx; failed on 410 Gone, on a URL that can never be
 * called, or after the schedule's last step; otherwise pending again after the schedule's wait, or
 * after the receiver's {@code Retry-After} when that is longer (up to {@link RetrySchedule#MAX_RETRY_AFTER}).
 *
 * @param nextAttemptAt when a pending delivery is due again; {@code now} once it is over
 */
record NextStep(DeliveryStatus status, Instant nextAttemptAt) {

    static NextStep after(AttemptResult result, int attempt, RetrySchedule schedule, Instant now) {
        if (result.succeeded()) {
            return new NextStep(DeliveryStatus.DELIVERED, now);
        }
        Optional<Duration> wait = result.permanent() ? Optional.empty()
                : schedule.delayAfter(attempt).map(scheduled -> longest(scheduled, result.retryAfter(), now));
        return wait.map(w -> new NextStep(DeliveryStatus.PENDING, now.plus(w)))
                .orElse(new NextStep(DeliveryStatus.FAILED, now));
    }

    private static Duration longest(Duration scheduled, String retryAfter, Instant now) {
        return RetryAfter.parse(retryAfter, now)
                .map(asked -> asked.compareTo(RetrySchedule.MAX_RETRY_AFTER) > 0 ? RetrySchedule.MAX_RETRY_AFTER
                        : asked)
                .filter(asked -> asked.compareTo(scheduled) > 0)
                .orElse(scheduled);
    }
}
