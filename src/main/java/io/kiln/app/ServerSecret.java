package io.kiln.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A server secret (signed links, webhook signatures): configured (all cluster nodes must share it)
 * or generated once per data directory and kept in a file only the owner can read.
 */
final class ServerSecret {

    private ServerSecret() {
    }

    static byte[] load(Optional<String> configured, Path dataDir, String fileName) throws IOException {
        if (configured.isPresent()) {
            return configured.get().getBytes(StandardCharsets.UTF_8);
        }
        Path file = dataDir.resolve(fileName);
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path tmp = Files.createTempFile(dataDir, fileName, ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.writeString(tmp, HexFormat.of().formatHex(key));
            Files.move(tmp, file);
        }
        return HexFormat.of().parseHex(Files.readString(file).trim());
    }
}
