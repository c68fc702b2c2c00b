package io.kiln.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a {@code Retry-After} header (RFC 9110 §10.2.3): delay seconds or an HTTP date. */
final class RetryAfter {

    private RetryAfter() {}

    /** The wait the header asks for, counted from {@code now}; empty if absent, malformed or already past. */
    static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return positive(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException | ArithmeticException huge) {
                return Optional.of(RetrySchedule.MAX_RETRY_AFTER); // absurd, but clearly "later"
            }
        }
        try {
            Instant when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return positive(Duration.between(now, when));
        } catch (DateTimeParseException malformed) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> positive(Duration d) {
        return d.isNegative() || d.isZero() ? Optional.empty() : Optional.of(d);
    }
}
