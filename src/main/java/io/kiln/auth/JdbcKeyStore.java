package io.kiln.auth;

import io.kiln.db.Sql;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The {@code api_keys} table: keys every node sharing the database honours. Holds hashes only;
 * a key is revoked by stamping {@code revoked_at}, so a revoked key stays listed and its id is
 * never given to another key.
 */
public final class JdbcKeyStore {

    private static final String COLUMNS = "hash, id, tenant, created_at, revoked_at, credits, requests_per_second,"
            + " concurrent_jobs, upload_bytes";

    private final Sql sql;
    private final Clock clock;
    private final KeyGenerator generator;

    public JdbcKeyStore(DataSource dataSource, Clock clock) {
        this.sql = new Sql(dataSource);
        this.clock = clock;
        this.generator = new KeyGenerator();
    }

    /**
     * Makes a key and stores its hash; the clear key is returned once and kept nowhere.
     *
     * @throws IllegalArgumentException for a bad tenant or negative credits
     */
    public IssuedKey add(String tenant, OptionalLong credits, KeyLimits limits) {
        KeyEntry.requireTenant(tenant);
        while (true) {
            String key = generator.newKey();
            KeyEntry entry = new KeyEntry(KeyHash.of(key), tenant, credits);
            // an id is 32 bits of the hash: a clash is unlikely but possible, and then another key is made
            if (insert(entry, limits)) {
                return new IssuedKey(key, principal(entry, limits));
            }
        }
    }

    /** Copies a keys file's keys in (hashes stay hashes); returns how many were new. */
    public int importFile(Path file) {
        Map<String, KeyEntry> entries = KeysFile.read(file);
        int added = 0;
        for (KeyEntry entry : entries.values()) {
            if (sql.count("SELECT COUNT(*) FROM api_keys WHERE hash = ?", entry.hash()) == 0
                    && insert(entry, KeyLimits.NONE)) {
                added++;
            }
        }
        return added;
    }

    private boolean insert(KeyEntry entry, KeyLimits limits) {
        return sql.insertUnlessPresent("INSERT INTO api_keys (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?)",
                entry.hash(), entry.principal().keyId(), entry.tenant(), clock.millis(), null,
                boxed(entry.credits()), boxed(limits.requestsPerSecond()), boxed(limits.concurrentJobs()),
                boxed(limits.uploadBytes()));
    }

    /** Every key, revoked ones too, oldest first. */
    public List<StoredKey> list() {
        return sql.query("SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id", JdbcKeyStore::stored);
    }

    /** Revokes the key with this id; false when there is none, or it was already revoked. */
    public boolean revoke(String id) {
        return sql.update("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                clock.millis(), id) == 1;
    }

    /**
     * The principal of the unrevoked key with this hash. As with the keys file's map, the index
     * lookup's timing depends only on the hash of what the caller sent, which tells nothing of stored keys.
     */
    public Optional<Principal> find(String hash) {
        return sql.one("SELECT " + COLUMNS + " FROM api_keys WHERE hash = ? AND revoked_at IS NULL",
                rs -> new Principal(rs.getString("tenant"), rs.getString("id"), optionalLong(rs, "credits"),
                        limits(rs)), hash);
    }

    /** True when at least one key is not revoked: the server then needs a key from every caller. */
    public boolean hasKeys() {
        return sql.count("SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL") > 0;
    }

    private static Principal principal(KeyEntry entry, KeyLimits limits) {
        Principal p = entry.principal();
        return new Principal(p.tenant(), p.keyId(), p.credits(), limits);
    }

    private static StoredKey stored(ResultSet rs) throws SQLException {
        Long revoked = Sql.longOrNull(rs, "revoked_at");
        return new StoredKey(rs.getString("id"), rs.getString("tenant"), Instant.ofEpochMilli(rs.getLong("created_at")),
                Optional.ofNullable(revoked).map(Instant::ofEpochMilli), optionalLong(rs, "credits"), limits(rs));
    }

    private static KeyLimits limits(ResultSet rs) throws SQLException {
        Integer rps = Sql.intOrNull(rs, "requests_per_second");
        Integer jobs = Sql.intOrNull(rs, "concurrent_jobs");
        return new KeyLimits(rps == null ? OptionalInt.empty() : OptionalInt.of(rps),
                jobs == null ? OptionalInt.empty() : OptionalInt.of(jobs), optionalLong(rs, "upload_bytes"));
    }

    private static OptionalLong optionalLong(ResultSet rs, String column) throws SQLException {
        Long v = Sql.longOrNull(rs, column);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private static Long boxed(OptionalLong v) {
        return v.isPresent() ? v.getAsLong() : null;
    }

    private static Integer boxed(OptionalInt v) {
        return v.isPresent() ? v.getAsInt() : null;
    }
}
