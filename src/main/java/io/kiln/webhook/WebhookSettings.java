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
 * @param batchSize how many due deliveries one look at the table claims at most
 * @param callsAtOnce the most calls under way at once; a receiver that hangs holds one until its call is
 *     cut at {@code attemptTimeout}, so this many can hang at once before a delivery to another waits
 */
public record WebhookSettings(RetrySchedule schedule, Duration attemptTimeout, Duration pollEvery,
                              Duration claimLease, int batchSize, int callsAtOnce) {

    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_CLAIM_LEASE = Duration.ofMinutes(1);
    public static final int DEFAULT_BATCH = 32;
    /**
     * Hundreds: a call under way costs a virtual thread and a connection, little enough that an outage
     * of many receivers at once (a host they share hangs) still leaves room for the rest; the bound
     * keeps a larger one from opening connections without end.
     */
    public static final int DEFAULT_CALLS_AT_ONCE = 256;

    public static final WebhookSettings DEFAULTS = new WebhookSettings(RetrySchedule.DEFAULT,
            DEFAULT_ATTEMPT_TIMEOUT, DEFAULT_POLL, DEFAULT_CLAIM_LEASE, DEFAULT_BATCH, DEFAULT_CALLS_AT_ONCE);

    public WebhookSettings {
        if (!attemptTimeout.isPositive() || !pollEvery.isPositive()) {
            throw new IllegalArgumentException("webhook timeout and poll interval must be positive");
        }
        // the claim must outlast the call, or a slow receiver would be called twice at once
        if (claimLease.compareTo(attemptTimeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("webhook claim lease " + claimLease
                    + " must be at least twice the attempt timeout " + attemptTimeout);
        }
        if (batchSize < 1 || callsAtOnce < 1) {
            throw new IllegalArgumentException("webhook batch size and calls at once must be at least 1");
        }
    }

    public WebhookSettings withSchedule(RetrySchedule s) {
        return new WebhookSettings(s, attemptTimeout, pollEvery, claimLease, batchSize, callsAtOnce);
    }
}
