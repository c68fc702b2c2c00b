package io.kiln.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where conversions in progress keep their files unless {@code --scratch} says: in shared memory
 * when it has ample room, else under the data directory. Every job makes and removes a directory
 * and writes its outputs there before they are stored; on this kind of disk creating a file or a
 * directory costs about a millisecond of kernel time, in memory a few microseconds.
 */
final class ScratchLocation {

    private static final Path SHARED_MEMORY = Path.of("/dev/shm");
    private static final long MIN_FREE = 4L << 30;

    private ScratchLocation() {
    }

    /**
     * @param data the data directory (the scratch directory is named after it, so servers on
     *             different data directories never clear each other's work)
     * @param worstCase the most the running conversions may hold at once
     */
    static Path defaultFor(Path data, long worstCase) {
        try {
            if (Files.isDirectory(SHARED_MEMORY) && Files.isWritable(SHARED_MEMORY)
                    && Files.getFileStore(SHARED_MEMORY).getUsableSpace() >= Math.max(MIN_FREE, worstCase)) {
                return SHARED_MEMORY.resolve("kiln-" + shortHash(data.toAbsolutePath().normalize().toString()));
            }
        } catch (IOException e) {
            // no usable shared memory: the data directory serves
        }
        return data.resolve("work");
    }

    private static String shortHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
