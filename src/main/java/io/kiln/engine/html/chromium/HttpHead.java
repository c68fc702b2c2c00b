package io.kiln.engine.html.chromium;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The head of an HTTP/1.1 message as the egress proxy handles it: read byte by byte, and hop-by-hop headers dropped. */
final class HttpHead {

    private static final int MAX_HEAD = 64 * 1024;
    /** Headers about one connection, which a proxy must not pass on (RFC 9110 section 7.6.1). */
    private static final List<String> HOP_BY_HOP = List.of(
            "connection", "proxy-connection", "keep-alive", "proxy-authorization", "te", "upgrade");

    private HttpHead() {
    }

    /**
     * The request or status line and the header lines, or empty at end of stream. Read byte by
     * byte so that nothing after the head (a request body) is consumed.
     */
    static List<String> read(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                return List.of();
            }
            bytes.write(b);
            if (bytes.size() > MAX_HEAD) {
                throw new IOException("request head too large");
            }
            last4 = (last4 << 8) | b;
        }
        String text = bytes.toString(StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>(List.of(text.substring(0, text.length() - 4).split("\r\n")));
        lines.removeIf(String::isEmpty);
        return lines;
    }

    /** {@code headers} without the hop-by-hop ones. */
    static List<String> endToEnd(List<String> headers) {
        List<String> kept = new ArrayList<>();
        for (String h : headers) {
            int colon = h.indexOf(':');
            String name = colon < 0 ? h : h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name)) {
                kept.add(h);
            }
        }
        return kept;
    }
}
