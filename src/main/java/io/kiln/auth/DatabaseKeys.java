package io.kiln.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The database's keys as one node sees them: each presented key's answer (found or not) is kept
 * for at most {@link #STALENESS}, so a key added or revoked on any node is honoured here within a
 * second, while a busy client costs one lookup a second, not one a request.
 */
public final class DatabaseKeys {

    /** How stale an answer may be: the promise that a revoke holds on every node within a second. */
    public static final Duration STALENESS = Duration.ofMillis(900);
    /** Presented keys remembered at once; an unknown key's "no" is kept too, so a flood of them stays cheap. */
    private static final int MAX_KEYS = 100_000;

    private final JdbcKeyStore store;
    private final Cache<String, Optional<Principal>> answers;
    private final Supplier<Boolean> hasKeys;

    public DatabaseKeys(JdbcKeyStore store) {
        this(store, Ticker.systemTicker());
    }

    DatabaseKeys(JdbcKeyStore store, Ticker ticker) {
        this.store = store;
        this.answers = Caffeine.newBuilder().expireAfterWrite(STALENESS).maximumSize(MAX_KEYS).ticker(ticker).build();
        Cache<Boolean, Boolean> any = Caffeine.newBuilder().expireAfterWrite(STALENESS).ticker(ticker).build();
        this.hasKeys = () -> any.get(Boolean.TRUE, k -> store.hasKeys());
    }

    /** The principal of an unrevoked key in the database, or empty. */
    public Optional<Principal> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        return answers.get(KeyHash.of(presentedKey), store::find);
    }

    /** True when the database holds no unrevoked key. */
    public boolean isEmpty() {
        return !hasKeys.get();
    }
}
