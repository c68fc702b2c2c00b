package io.kiln.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void secondsAndHttpDatesAreRead() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 7 ", NOW)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 12:05:00 GMT", NOW)).contains(Duration.ofMinutes(5));
    }

    @Test
    void absentMalformedAndPastValuesAskForNothing() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
        assertThat(RetryAfter.parse("", NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("0", NOW)).isEmpty();
        assertThat(RetryAfter.parse("Sun, 01 Mar 2026 11:00:00 GMT", NOW)).isEmpty();
    }

    @Test
    void absurdlyLargeSecondsAreCapped() {
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).contains(RetrySchedule.MAX_RETRY_AFTER);
    }
}
