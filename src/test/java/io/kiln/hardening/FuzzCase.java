package io.kiln.hardening;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One generated request, ready for {@link RawHttp}: what it tried ({@code mutation}), and the bytes.
 *
 * @param method the operation's, unless the mutation is another one
 * @param target the request target, path and query, as it goes on the request line
 * @param anyShape the server cannot know which dialect the request was for — its path may resolve to
 *                 another's (dot segments, escaped separators), cannot be decoded (bad or NUL escapes:
 *                 Jetty refuses it before the path is known) or is too long to be read (414) — so its
 *                 refusal may be in any dialect's shape (but in one it must be)
 */
record FuzzCase(Operation op, int index, String mutation, String method, String target, List<Header> headers, byte[] body,
                boolean anyShape) {

    /** A header as it goes on the wire: the value's characters are bytes (ISO-8859-1), raw UTF-8 already. */
    record Header(String name, String value) {
    }

    /** The request line and headers, without the blank line, for {@link RawHttp#send}. */
    String head() {
        StringBuilder b = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1");
        headers.forEach(h -> b.append("\r\n").append(h.name()).append(": ").append(h.value()));
        return b.append("\r\nContent-Length: ").append(body.length).toString();
    }

    /** What to print of a failing case: enough to see it, not 100 KB of it. */
    String shown() {
        String head = head();
        String body = new String(this.body, 0, Math.min(this.body.length, 300), StandardCharsets.UTF_8);
        return "#" + index + " " + op + " [" + mutation + "]\n" + clip(head, 600) + "\n\n" + body
                + (this.body.length > 300 ? "… (" + this.body.length + " bytes)" : "");
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "… (" + s.length() + " characters)";
    }
}
