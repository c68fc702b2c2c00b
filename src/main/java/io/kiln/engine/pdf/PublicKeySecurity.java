package io.kiln.engine.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Recognises certificate (public-key) encryption, which needs the recipient's private key and so can
 * never be opened with a password. PDFBox fails on it in ways that depend on whether BouncyCastle is
 * on the class path, so after a failed open the file itself is checked: the encryption dictionary
 * is never inside a compressed object stream, so its filter name appears in the raw bytes.
 */
final class PublicKeySecurity {

    private static final byte[] FILTER = "/Adobe.PubSec".getBytes(StandardCharsets.US_ASCII);
    private static final int CHUNK = 1 << 16;

    private PublicKeySecurity() {
    }

    static boolean isUsedBy(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[CHUNK + FILTER.length];
            int kept = 0;
            int n;
            while ((n = in.readNBytes(buf, kept, CHUNK)) > 0) {
                int len = kept + n;
                if (contains(buf, len)) {
                    return true;
                }
                // keep the tail so a name split across two chunks is still found
                kept = Math.min(FILTER.length - 1, len);
                System.arraycopy(buf, len - kept, buf, 0, kept);
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean contains(byte[] buf, int len) {
        outer:
        for (int i = 0; i + FILTER.length <= len; i++) {
            for (int j = 0; j < FILTER.length; j++) {
                if (buf[i + j] != FILTER[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
