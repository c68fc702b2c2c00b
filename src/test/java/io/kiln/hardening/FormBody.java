package io.kiln.hardening;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code multipart/form-data} body written byte by byte, each part's head under the caller's
 * control: file names no client library would write (NUL, quotes, 10,000 characters), parts with no
 * name or no head, a body cut short or under another boundary than the one announced.
 */
final class FormBody {

    /**
     * @param head the part's header lines as they go on the wire (without the blank line after them)
     */
    record Part(String head, byte[] content) {

        static Part field(String name, String value) {
            return new Part("Content-Disposition: form-data; name=\"" + name + "\"", value.getBytes(StandardCharsets.UTF_8));
        }

        static Part file(String name, String fileName, byte[] content) {
            return new Part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream", content);
        }

        /** The part's field name, as its head says. */
        String name() {
            int at = head.indexOf("name=\"");
            return at < 0 ? "" : head.substring(at + 6, Math.max(at + 6, head.indexOf('"', at + 6)));
        }

        boolean isFile() {
            return head.contains("filename");
        }
    }

    final List<Part> parts = new ArrayList<>();
    String boundary = "kiln-fuzz-4d1c9e";
    /** The boundary announced in the content type, when not the one used (or none at all: null). */
    String announced = boundary;
    boolean closed = true;

    String contentType() {
        return "multipart/form-data" + (announced == null ? "" : "; boundary=" + announced);
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            // head bytes as UTF-8, as browsers write non-ASCII file names
            out.writeBytes(("--" + boundary + "\r\n" + p.head() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(p.content());
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        if (closed) {
            out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }
}
