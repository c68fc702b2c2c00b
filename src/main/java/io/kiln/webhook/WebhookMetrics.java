package io.kiln.webhook;

/** What the sender reports for monitoring; the composition root may bind it to Micrometer. */
public interface WebhookMetrics {

    WebhookMetrics NONE = new WebhookMetrics() {
        @Override
        public void attempted(Delivery delivery, Attempt attempt) {
        }

        @Override
        public void ended(DeliveryStatus status) {
        }
    };

    /**
     * A receiver was called (or the call was refused); see {@link Attempt#succeeded()}. The
     * delivery is as it was before this attempt (its {@code createdAt} is when the job ended).
     */
    void attempted(Delivery delivery, Attempt attempt);

    /** A delivery reached {@code delivered}, {@code failed} or {@code cancelled}. */
    void ended(DeliveryStatus status);
}
