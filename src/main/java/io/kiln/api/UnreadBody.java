package io.kiln.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and drops what is left of a refused request's body before the answer goes out. A server that
 * answers (a 413, or a 400 refused before the body was read) and closes while the client is still
 * sending makes the client's TCP stack see a reset, which can destroy the answer before the client
 * reads it ("no bytes received"); reading a bounded remainder first lets ordinary clients get their
 * answer. Beyond the bound the connection is simply closed.
 */
final class UnreadBody {

    static final long MAX_DRAINED = 64L << 20;

    private UnreadBody() {
    }

    static void discard(Context ctx) {
        byte[] buf = new byte[64 << 10];
        long left = MAX_DRAINED;
        try {
            InputStream in = ctx.req().getInputStream();
            for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0; ) {
                left -= n;
            }
        } catch (IOException | IllegalStateException e) {
            // already consumed by a multipart parser, or the client went away: nothing to drain
        }
    }
}
