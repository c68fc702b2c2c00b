package io.kiln.webhook;

import java.util.List;
import java.util.Optional;

/** The read side of the outbox, for showing a job's webhook ({@code url}, {@code status}, attempts). */
public interface WebhookLog {

    /** The job's delivery, or empty if the job had no webhook or has not ended yet. */
    Optional<Delivery> delivery(String tenant, String jobId);

    /** The calls made so far for the job's webhook, oldest first; empty when there is none. */
    default List<Attempt> attempts(String tenant, String jobId) {
        return delivery(tenant, jobId).map(Delivery::history).orElse(List.of());
    }
}
