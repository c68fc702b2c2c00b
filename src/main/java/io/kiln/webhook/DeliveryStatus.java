package io.kiln.webhook;

import java.util.Locale;

/** Where a delivery is: {@code pending} until it is {@code delivered}, {@code failed} or {@code cancelled}. */
public enum DeliveryStatus {
    /** Waiting for its next attempt (or being attempted right now). */
    PENDING,
    /** A receiver answered 2xx. */
    DELIVERED,
    /** The schedule ran out, the receiver answered 410 Gone, or the URL can never be called. */
    FAILED,
    /** The job was gone (deleted or expired) before it could be announced; nothing was sent. */
    CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
