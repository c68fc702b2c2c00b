package io.kiln.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Requests written byte by byte on a socket, for what {@code java.net.http} refuses to send: a
 * wrong {@code Content-Length}, headers larger than any server takes, multipart cut short.
 */
final class RawHttp {

    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        /** The same view of an answer the JDK's client received. */
        static Answer of(java.net.http.HttpResponse<String> r) {
            Map<String, String> headers = new java.util.TreeMap<>();
            r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.getFirst()));
            return new Answer(r.statusCode(), headers, r.body());
        }
    }

    private RawHttp() {}

    /** Sends {@code head} (request line and headers, CRLF-separated, without the blank line) and {@code body}. */
    static Answer send(String base, String head, byte[] body) throws IOException {
        URI uri = URI.create(base);
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write((head + "\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (java.net.SocketException refused) {
                // the server answered and closed before taking the whole body: its answer is still there to read
            }
            return read(s.getInputStream());
        }
    }

    /** An answer read to the end; headers as ISO-8859-1, the body (de-chunked as bytes) as UTF-8. */
    static Answer read(InputStream in) throws IOException {
        byte[] all = readAll(in);
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        String head = new String(all, 0, end < 0 ? all.length : end, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        if (!lines[0].matches("HTTP/\\d(\\.\\d)? \\d{3}.*")) {
            throw new java.net.SocketException("no answer: the connection ended after " + all.length + " bytes"
                    + (all.length == 0 ? "" : ", starting " + new String(all, 0, Math.min(all.length, 160), StandardCharsets.ISO_8859_1)
                    .replace("\r", "\\r").replace("\n", "\\n")));
        }
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        byte[] body = end < 0 ? new byte[0] : java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if (headers.getOrDefault("transfer-encoding", "").equalsIgnoreCase("chunked")) {
            body = unchunked(body);
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /**
     * The answer's bytes: up to its end as its head frames it ({@code Content-Length}, the last chunk),
     * else to the end of the stream. A server slow to close after a complete answer has still answered.
     */
    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int n; !complete(buf.toByteArray()) && (n = in.read(chunk)) >= 0; ) {
                buf.write(chunk, 0, n);
            }
        } catch (java.net.SocketTimeoutException silent) {
            throw new java.net.SocketTimeoutException(silent.getMessage() + " after " + buf.size() + " bytes of the answer: "
                    + new String(buf.toByteArray(), 0, Math.min(buf.size(), 200), StandardCharsets.ISO_8859_1));
        } catch (java.net.SocketException reset) {
            // a server that refuses a request may reset the rest of it: what arrived before stands
        }
        return buf.toByteArray();
    }

    private static boolean complete(byte[] sofar) {
        int end = indexOf(sofar, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (end < 0) {
            return false;
        }
        String head = new String(sofar, 0, end, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("\r\ncontent-length:\\s*(\\d+)").matcher(head);
        if (length.find()) {
            return sofar.length - end - 4 >= Long.parseLong(length.group(1));
        }
        return head.contains("\r\ntransfer-encoding: chunked")
                && indexOf(sofar, "\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), end) >= 0;
    }

    private static byte[] unchunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < body.length) {
            int eol = indexOf(body, crlf, at);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(new String(body, at, eol - at, StandardCharsets.ISO_8859_1).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, eol + 2, Math.min(size, body.length - eol - 2));
            at = eol + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
