package io.kiln.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Byte storage by key. Every method streams; none holds a whole file in memory (but for blobs a
 * store chooses to keep small, such as {@link SmallBlobsInDatabase}).
 */
public interface BlobStore {

    /** Size and SHA-256 of what was written. */
    record Written(long size, String sha256) {
    }

    /**
     * Streams {@code in} under {@code key}, hashing as it goes.
     *
     * @throws TooLargeException when more than {@code maxBytes} arrive (nothing is kept)
     */
    Written put(String key, InputStream in, long maxBytes) throws IOException;

    /** Stores a local file under {@code key}, moving it when possible. */
    Written putFile(String key, Path source) throws IOException;

    InputStream open(String key) throws IOException;

    /** A local path with the blob's content: the blob itself when local, else a copy under {@code scratch}. */
    Path localCopy(String key, Path scratch) throws IOException;

    /** Runs {@code use} on a local file with the blob's content; a copy made for it is removed after. */
    <T> T withLocalFile(String key, Path scratch, java.util.function.Function<Path, T> use) throws IOException;

    void delete(String key) throws IOException;

    /** Runs {@code use} on {@code copy}, a temporary file made for it, and removes the copy after. */
    static <T> T onTemporaryCopy(Path copy, java.util.function.Function<Path, T> use) throws IOException {
        try {
            return use.apply(copy);
        } finally {
            java.nio.file.Files.deleteIfExists(copy);
        }
    }

    /** More bytes arrived than allowed. */
    final class TooLargeException extends IOException {
        public TooLargeException(long maxBytes) {
            super("larger than " + maxBytes + " bytes");
        }
    }
}
