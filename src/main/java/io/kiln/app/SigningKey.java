package io.kiln.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/** The secret behind signed links: configured (all cluster nodes share it) or generated once per data dir. */
final class SigningKey {

    private SigningKey() {
    }

    static byte[] load(Optional<String> configured, Path dataDir) throws IOException {
        if (configured.isPresent()) {
            return configured.get().getBytes(StandardCharsets.UTF_8);
        }
        Path file = dataDir.resolve("signing.key");
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path tmp = Files.createTempFile(dataDir, "signing", ".tmp");
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
