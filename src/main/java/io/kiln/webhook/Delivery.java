package io.kiln.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the outbox: the announcement of one ended job to one URL. Immutable; a change is a
 * copy saved by {@link JdbcDeliveries#save}, which checks {@link #version()}.
 *
 * @param id also the {@code webhook-id} every attempt carries, so receivers can drop duplicates
 * @param dialect the protocol the job came in by ({@code native}, {@code convertapi}, {@code pdfco},
 *     {@code pdfrest}); it decides the style of the call
 * @param attempts how many calls were made so far (the size of {@code history})
 * @param nextAttemptAt when a pending delivery is due; while a sender holds it, the end of its claim
 */
public record Delivery(String id, String tenant, String jobId, String url, String dialect, DeliveryStatus status,
                       int attempts, Instant nextAttemptAt, Instant createdAt, List<Attempt> history, long version) {

    public Delivery {
        history = List.copyOf(history);
    }

    /** A copy claimed until {@code until}: no sender finds it due before then, so a dead sender's claim lapses. */
    Delivery claimedUntil(Instant until) {
        return new Delivery(id, tenant, jobId, url, dialect, status, attempts, until, createdAt, history, version);
    }

    /** A copy with {@code attempt} added to the history, now in {@code next} status, due at {@code nextAt}. */
    Delivery after(Attempt attempt, DeliveryStatus next, Instant nextAt) {
        List<Attempt> more = new ArrayList<>(history);
        more.add(attempt);
        return new Delivery(id, tenant, jobId, url, dialect, next, attempts + 1, nextAt, createdAt, more, version);
    }

    /** A copy that will never be sent: its job is gone. */
    Delivery cancelled(Instant now) {
        return new Delivery(id, tenant, jobId, url, dialect, DeliveryStatus.CANCELLED, attempts, now, createdAt,
                history, version);
    }

    Delivery withVersion(long newVersion) {
        return new Delivery(id, tenant, jobId, url, dialect, status, attempts, nextAttemptAt, createdAt, history,
                newVersion);
    }
}
