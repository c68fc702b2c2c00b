package io.kiln.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void theDefaultDoublesFromFiveSecondsAndSpansExactlyOneDay() {
        assertThat(RetrySchedule.DEFAULT.delays()).containsExactlyElementsOf(LongStream
                .of(5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560, 5120, 10240, 20480, 45445)
                .mapToObj(Duration::ofSeconds).toList());
        assertThat(RetrySchedule.DEFAULT.span()).isEqualTo(Duration.ofHours(24));
        assertThat(RetrySchedule.DEFAULT.maxAttempts()).isEqualTo(15);
    }

    @Test
    void delayAfterCountsAttemptsFromOne() {
        RetrySchedule s = RetrySchedule.of(Duration.ofSeconds(1), Duration.ofSeconds(7));
        assertThat(s.delayAfter(1)).contains(Duration.ofSeconds(1));
        assertThat(s.delayAfter(2)).contains(Duration.ofSeconds(7));
        assertThat(s.delayAfter(3)).as("the last attempt has no retry").isEmpty();
        assertThat(s.delayAfter(0)).isEmpty();
    }

    @Test
    void anExactFitNeedsNoStretching() {
        assertThat(RetrySchedule.exponential(Duration.ofSeconds(1), Duration.ofSeconds(7)).delays())
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void anEmptyScheduleMeansOneAttempt() {
        assertThat(RetrySchedule.of().maxAttempts()).isEqualTo(1);
        assertThat(RetrySchedule.of().delayAfter(1)).isEmpty();
    }

    @Test
    void nonPositiveWaitsAreRefused() {
        assertThatThrownBy(() -> RetrySchedule.of(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetrySchedule.exponential(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
