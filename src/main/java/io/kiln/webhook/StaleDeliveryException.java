package io.kiln.webhook;

/** A delivery changed since it was read (another node claimed or recorded it): a lost race, never overwritten. */
public final class StaleDeliveryException extends RuntimeException {
    StaleDeliveryException(Delivery d) {
        super("webhook delivery " + d.id() + " changed since version " + d.version());
    }
}
