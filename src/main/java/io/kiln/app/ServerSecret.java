package io.kiln.app;

import io.kiln.config.ConfigException;
import io.kiln.webhook.WebhookSigner;
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
 * or generated once per data directory and kept in a file only the owner can read. A value written
 * {@code whsec_} + base64 is the key those bytes encode (the form Standard Webhooks libraries take,
 * so a receiver can be given the same string); any other configured text is used as it is.
 */
final class ServerSecret {

    /** How a generated secret is written to its file. */
    enum Form { HEX, WHSEC }

    private ServerSecret() {
    }

    static byte[] load(Optional<String> configured, Path dataDir, String fileName, Form form) throws IOException {
        if (configured.isPresent()) {
            String value = configured.get().strip();
            return WebhookSigner.isShared(value) ? keyOf(value) : value.getBytes(StandardCharsets.UTF_8);
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
            Files.writeString(tmp, form == Form.WHSEC ? WebhookSigner.shared(key) : HexFormat.of().formatHex(key));
            Files.move(tmp, file);
        }
        String stored = Files.readString(file).strip();
        // data directories made before webhook keys were written as whsec_ hold hex
        return WebhookSigner.isShared(stored) ? keyOf(stored) : HexFormat.of().parseHex(stored);
    }

    private static byte[] keyOf(String shared) {
        try {
            return WebhookSigner.keyOf(shared);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("a whsec_ secret must be base64 after the prefix");
        }
    }
}
