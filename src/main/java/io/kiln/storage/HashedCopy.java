package io.kiln.storage;

import io.kiln.storage.BlobStore.TooLargeException;
import io.kiln.storage.BlobStore.Written;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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

    /** The size and hash of {@code in}'s bytes. */
    static Written of(InputStream in) throws IOException {
        return copy(in, OutputStream.nullOutputStream(), Long.MAX_VALUE);
    }
}
