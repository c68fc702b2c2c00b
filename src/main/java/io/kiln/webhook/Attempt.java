package io.kiln.webhook;

import java.time.Instant;

/**
 * One call of a receiver, as kept in a delivery's history.
 *
 * @param attempt 1 for the first call
 * @param at when the call started (the {@code webhook-timestamp} it carried)
 * @param status the receiver's HTTP status, or null when no answer came (refused, unreachable, timeout)
 * @param error what went wrong in a sentence, or null when the status says it all
 * @param durationMs how long the call took
 */
public record Attempt(int attempt, Instant at, Integer status, String error, long durationMs) {

    public boolean succeeded() {
        return status != null && status / 100 == 2;
    }
}
