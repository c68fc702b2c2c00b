package io.kiln.storage;

import io.kiln.storage.BlobStore.TooLargeException;
import io.kiln.storage.BlobStore.Written;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Streams bytes while counting and hashing them: what every store records of a blob it writes. */
final class HashedCopy {

    private static final int BUFFER = 64 * 1024;

    private HashedCopy() {
    }

    /**
     * Copies {@code in} to {@code out}.
     *
     * @throws TooLargeException as soon as more than {@code maxBytes} arrived
     */
    static Written copy(InputStream in, OutputStream out, long maxBytes) throws IOException {
        MessageDigest sha = Sha256.newDigest();
        long size = 0;
        byte[] buf = new byte[BUFFER];
        for (int n; (n = in.read(buf)) > 0; ) {
            size += n;
            if (size > maxBytes) {
                throw new TooLargeException(maxBytes);
            }
            sha.update(buf, 0, n);
            out.write(buf, 0, n);
        }
        return new Written(size, HexFormat.of().formatHex(sha.digest()));
    }

    /** What a store does with a complete spool file: move it into place, send it away. */
    interface Placement {
        void place(Path spooled) throws IOException;
    }

    /**
     * Writes {@code in} to the temporary file {@code spool} (as {@link #copy}), hands the complete file
     * to {@code placement}, and removes whatever is left of the spool, whichever way it ends.
     */
    static Written spooled(InputStream in, Path spool, long maxBytes, Placement placement) throws IOException {
        try {
            Written w;
            try (OutputStream out = Files.newOutputStream(spool)) {
                w = copy(in, out, maxBytes);
            }
            placement.place(spool);
            return w;
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /** The size and hash of {@code file}'s bytes. */
    static Written ofFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return copy(in, OutputStream.nullOutputStream(), Long.MAX_VALUE);
        }
    }
}
