package io.kiln.app;

import io.kiln.config.ConfigException;
import io.kiln.db.Sql;
import io.kiln.webhook.WebhookSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A server secret (signed links, webhook signatures): configured, or generated once and kept where
 * every node that needs it finds it: a file only the owner can read under the data directory, or, for
 * nodes sharing a database, a row of {@code server_secrets} (the first node's insert wins). A value written
 * {@code whsec_} + base64 is the key those bytes encode (the form Standard Webhooks libraries take,
 * so a receiver can be given the same string); any other configured text is used as it is.
 */
final class ServerSecret {

    /** How a generated secret is written to its file. */
    enum Form { HEX, WHSEC }

    private ServerSecret() {
    }

    /**
     * @param shared the database of a cluster's nodes, where a generated secret is kept; empty to keep it
     *               in {@code dataDir/fileName}
     */
    static byte[] load(Optional<String> configured, Path dataDir, String fileName, Form form, Optional<DataSource> shared)
            throws IOException {
        if (configured.isPresent()) {
            String value = configured.get().strip();
            return WebhookSigner.isShared(value) ? keyOf(value) : value.getBytes(StandardCharsets.UTF_8);
        }
        if (shared.isPresent()) {
            return decode(inDatabase(new Sql(shared.get()), fileName, form));
        }
        Path file = dataDir.resolve(fileName);
        if (!Files.exists(file)) {
            Path tmp = Files.createTempFile(dataDir, fileName, ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.writeString(tmp, fresh(form));
            Files.move(tmp, file);
        }
        return decode(Files.readString(file));
    }

    /** The stored secret named {@code name}, a fresh one stored first when there is none (the first node's wins). */
    private static String inDatabase(Sql sql, String name, Form form) {
        String select = "SELECT secret FROM server_secrets WHERE name = ?";
        return sql.one(select, rs -> rs.getString(1), name).orElseGet(() -> {
            sql.insertUnlessPresent("INSERT INTO server_secrets (name, secret) VALUES (?, ?)", name, fresh(form));
            return sql.one(select, rs -> rs.getString(1), name).orElseThrow();
        });
    }

    private static String fresh(Form form) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return form == Form.WHSEC ? WebhookSigner.shared(key) : HexFormat.of().formatHex(key);
    }

    private static byte[] decode(String stored) {
        String value = stored.strip();
        // data directories made before webhook keys were written as whsec_ hold hex
        return WebhookSigner.isShared(value) ? keyOf(value) : HexFormat.of().parseHex(value);
    }

    private static byte[] keyOf(String shared) {
        try {
            return WebhookSigner.keyOf(shared);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("a whsec_ secret must be base64 after the prefix");
        }
    }
}
