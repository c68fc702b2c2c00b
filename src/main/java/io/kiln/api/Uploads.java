package io.kiln.api;

import io.kiln.error.ErrorCode;
import io.kiln.error.KilnException;
import io.kiln.error.Outages;
import io.kiln.error.RequestRejected;
import java.util.Locale;

/** Turns the servlet container's multipart failures into the client errors they are. */
public final class Uploads {

    private Uploads() {
    }

    /**
     * What a failure to read a multipart body is to the client: a full disk where parts are spooled
     * (507, try again), a part over the limit (413), a body sent too slowly (408), else a malformed body (400) — never a 500.
     */
    public static KilnException rejected(Throwable e) {
        java.util.Optional<io.kiln.error.ServiceUnavailable> outage = Outages.of(e);
        if (outage.isPresent()) {
            return outage.get();
        }
        if (e instanceof KilnException k) {
            return k;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TrickleGuard.TooSlow) {
                return new RequestRejected(ErrorCode.REQUEST_TIMEOUT, t.getMessage(), e);
            }
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("max") && (m.contains("size") || m.contains("length") || m.contains("exceed"))) {
                return new RequestRejected(ErrorCode.PAYLOAD_TOO_LARGE, "the upload is larger than allowed", e);
            }
        }
        return new RequestRejected(ErrorCode.MALFORMED_BODY, "the multipart body could not be read", e);
    }
}
