package io.kiln.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams a body to a file in small buffers, stopping as soon as it passes a size limit, so
 * neither a large nor an endless body is ever held in memory or written past the limit.
 */
final class LimitedCopy {

    private static final int BUFFER = 64 * 1024;

    /** The body passed the limit; the partial file is the caller's to delete. */
    static final class TooLarge extends Exception {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private LimitedCopy() {}

    /**
     * Copies {@code body} to {@code target} and returns the byte count.
     *
     * @throws IOException reading {@code body} failed (the network)
     * @throws UncheckedIOException writing {@code target} failed (this machine), kept apart so
     *     the two are reported differently
     */
    static long copy(InputStream body, Path target, long maxBytes) throws IOException, TooLarge {
        OutputStream out = local(() -> Files.newOutputStream(target));
        try {
            byte[] buffer = new byte[BUFFER];
            long total = 0;
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                total += read;
                if (total > maxBytes) {
                    throw new TooLarge();
                }
                int length = read;
                local(() -> {
                    out.write(buffer, 0, length);
                    return null;
                });
            }
            return total;
        } finally {
            local(() -> {
                out.close();
                return null;
            });
        }
    }

    private interface LocalIo<T> {
        T run() throws IOException;
    }

    private static <T> T local(LocalIo<T> io) {
        try {
            return io.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
