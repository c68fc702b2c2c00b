package io.kiln.api;

import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import java.util.Locale;

/** Turns the servlet container's multipart failures into the client errors they are. */
public final class Uploads {

    private Uploads() {
    }

    public static RequestRejected rejected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("max") && (m.contains("size") || m.contains("length") || m.contains("exceed"))) {
                return new RequestRejected(ErrorCode.PAYLOAD_TOO_LARGE, "the upload is larger than allowed", e);
            }
        }
        return new RequestRejected(ErrorCode.MALFORMED_BODY, "the multipart body could not be read", e);
    }
}
