package io.kiln.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API keys of this server, read from the keys file ({@link KeysFile}) and re-read when the file
 * changes (checked at most once per {@link #RELOAD_INTERVAL}), so {@code kiln keys create} or an
 * edit takes effect without a restart. A later malformed edit is logged and ignored: the keys
 * that worked keep working.
 */
public final class ApiKeys {

    public static final Duration RELOAD_INTERVAL = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    /** What the file looked like when read; a change in either means read it again. */
    private record Stamp(Instant modified, long size) {
        static final Stamp ABSENT = new Stamp(Instant.EPOCH, -1);
    }

    private record Snapshot(Map<String, KeyEntry> keys, Stamp stamp, Instant checked) {}

    private final Path file;
    private final Clock clock;
    private final KeyGenerator generator;
    private volatile Snapshot snapshot;

    private ApiKeys(Path file, Clock clock, KeyGenerator generator) {
        this.file = file;
        this.clock = clock;
        this.generator = generator;
        Stamp stamp = stamp(file);
        this.snapshot = new Snapshot(KeysFile.read(file), stamp, clock.instant());
    }

    /** The keys file's place when none is configured: {@code <data>/keys}. */
    public static Path defaultFile(Path dataDirectory) {
        return dataDirectory.resolve("keys");
    }

    /**
     * Loads {@code file}; a missing file means no keys.
     *
     * @throws IllegalArgumentException naming the line of the first malformed entry
     */
    public static ApiKeys load(Path file) {
        return load(file, Clock.systemUTC());
    }

    public static ApiKeys load(Path file, Clock clock) {
        return new ApiKeys(file, clock, new KeyGenerator());
    }

    public Path file() {
        return file;
    }

    /** True when no key is configured: the server then binds loopback only, as tenant {@code public}. */
    public boolean isEmpty() {
        return current().keys().isEmpty();
    }

    /** The principal a presented key belongs to, or empty for an unknown key. */
    public Optional<Principal> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        String hash = KeyHash.of(presentedKey);
        // The map lookup's timing depends only on the hash of what the caller sent, which tells an
        // attacker nothing about stored keys; the final comparison is constant-time regardless.
        KeyEntry entry = current().keys().get(hash);
        if (entry == null || !KeyHash.same(entry.hash(), hash)) {
            return Optional.empty();
        }
        return Optional.of(entry.principal());
    }

    /**
     * Creates a key for {@code tenant}, appends its hash to the keys file and returns the clear key,
     * which is not kept anywhere. Refuses to append to a malformed file.
     *
     * @throws IllegalArgumentException for a bad tenant or negative credits, or a malformed file
     */
    public synchronized IssuedKey create(String tenant, OptionalLong credits) {
        KeyEntry.requireTenant(tenant);
        Map<String, KeyEntry> keys = new HashMap<>(KeysFile.read(file));
        String key = generator.newKey();
        KeyEntry entry = new KeyEntry(KeyHash.of(key), tenant, credits);
        KeysFile.append(file, entry);
        keys.put(entry.hash(), entry);
        snapshot = new Snapshot(Map.copyOf(keys), stamp(file), clock.instant());
        return new IssuedKey(key, entry.principal());
    }

    public IssuedKey create(String tenant) {
        return create(tenant, OptionalLong.empty());
    }

    private Snapshot current() {
        Snapshot seen = snapshot;
        if (!due(seen)) {
            return seen;
        }
        synchronized (this) {
            seen = snapshot;
            if (due(seen)) {
                snapshot = reread(seen);
            }
            return snapshot;
        }
    }

    private boolean due(Snapshot seen) {
        return !clock.instant().isBefore(seen.checked().plus(RELOAD_INTERVAL));
    }

    private Snapshot reread(Snapshot previous) {
        Instant now = clock.instant();
        try {
            // Stamp first: if the file changes while being read, the next check sees a newer stamp.
            Stamp stamp = stamp(file);
            if (stamp.equals(previous.stamp())) {
                return new Snapshot(previous.keys(), stamp, now);
            }
            try {
                Map<String, KeyEntry> keys = KeysFile.read(file);
                log.info("Reloaded {} API key(s) from {}", keys.size(), file);
                return new Snapshot(keys, stamp, now);
            } catch (IllegalArgumentException malformed) {
                log.warn("Keeping the previous API keys: {}", malformed.getMessage());
                return new Snapshot(previous.keys(), stamp, now);
            }
        } catch (UncheckedIOException unreadable) {
            log.warn("Keeping the previous API keys: {}", unreadable.getMessage(), unreadable);
            return new Snapshot(previous.keys(), previous.stamp(), now);
        }
    }

    private static Stamp stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.lastModifiedTime().toInstant(), attributes.size());
        } catch (NoSuchFileException absent) {
            return Stamp.ABSENT;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read keys file " + file, e);
        }
    }
}
