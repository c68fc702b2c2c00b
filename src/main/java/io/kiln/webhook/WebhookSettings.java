package io.kiln.webhook;

import java.time.Duration;

/**
 * How the sender behaves; built once by the composition root.
 *
 * @param schedule the waits between attempts
 * @param attemptTimeout the most one call may take, connection to last byte
 * @param pollEvery how often the table is looked at when nothing wakes the sender (other nodes' jobs,
 *     retries coming due)
 * @param claimLease how long a claimed delivery is hidden from other senders; a sender that dies
 *     mid-call leaves it due again this long after the claim
 * @param batchSize how many due deliveries one round claims and calls at once
 */
public record WebhookSettings(RetrySchedule schedule, Duration attemptTimeout, Duration pollEvery,
                              Duration claimLease, int batchSize) {

    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_CLAIM_LEASE = Duration.ofMinutes(1);
    public static final int DEFAULT_BATCH = 32;

    public static final WebhookSettings DEFAULTS = new WebhookSettings(RetrySchedule.DEFAULT,
            DEFAULT_ATTEMPT_TIMEOUT, DEFAULT_POLL, DEFAULT_CLAIM_LEASE, DEFAULT_BATCH);

    public WebhookSettings {
        if (!attemptTimeout.isPositive() || !pollEvery.isPositive()) {
            throw new IllegalArgumentException("webhook timeout and poll interval must be positive");
        }
        // the claim must outlast the call, or a slow receiver would be called twice at once
        if (claimLease.compareTo(attemptTimeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("webhook claim lease " + claimLease
                    + " must be at least twice the attempt timeout " + attemptTimeout);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("webhook batch size must be at least 1");
        }
    }

    public WebhookSettings withSchedule(RetrySchedule s) {
        return new WebhookSettings(s, attemptTimeout, pollEvery, claimLease, batchSize);
    }
}
