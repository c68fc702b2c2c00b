package io.kiln.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NextStepTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final RetrySchedule SCHEDULE = RetrySchedule.of(Duration.ofSeconds(30), Duration.ofMinutes(5));

    @Test
    void successEndsTheDelivery() {
        assertThat(NextStep.after(AttemptResult.answered(204, "600", 5), 1, SCHEDULE, NOW))
                .isEqualTo(new NextStep(DeliveryStatus.DELIVERED, NOW));
    }

    @Test
    void failuresWaitTheScheduleOrALongerRetryAfter() {
        assertThat(NextStep.after(AttemptResult.answered(500, null, 5), 1, SCHEDULE, NOW))
                .isEqualTo(new NextStep(DeliveryStatus.PENDING, NOW.plusSeconds(30)));
        assertThat(NextStep.after(AttemptResult.answered(503, "120", 5), 1, SCHEDULE, NOW))
                .isEqualTo(new NextStep(DeliveryStatus.PENDING, NOW.plusSeconds(120)));
        assertThat(NextStep.after(AttemptResult.answered(429, "10", 5), 2, SCHEDULE, NOW))
                .isEqualTo(new NextStep(DeliveryStatus.PENDING, NOW.plus(Duration.ofMinutes(5))));
        assertThat(NextStep.after(AttemptResult.failed("could not connect", 5), 1, SCHEDULE, NOW).status())
                .isEqualTo(DeliveryStatus.PENDING);
    }

    @Test
    void retryAfterIsCapped() {
        assertThat(NextStep.after(AttemptResult.answered(503, "31536000", 5), 1, SCHEDULE, NOW).nextAttemptAt())
                .isEqualTo(NOW.plus(RetrySchedule.MAX_RETRY_AFTER));
    }

    @Test
    void theLastStepGoneAndHopelessUrlsFail() {
        assertThat(NextStep.after(AttemptResult.answered(500, null, 5), 3, SCHEDULE, NOW).status())
                .isEqualTo(DeliveryStatus.FAILED);
        assertThat(NextStep.after(AttemptResult.answered(410, "5", 5), 1, SCHEDULE, NOW).status())
                .isEqualTo(DeliveryStatus.FAILED);
        assertThat(NextStep.after(AttemptResult.never("not http"), 1, SCHEDULE, NOW).status())
                .isEqualTo(DeliveryStatus.FAILED);
    }
}
