package io.kiln.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.db.Database;
import io.kiln.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The database's keys through a node's short memory, and the per-second request windows, on H2. */
class DatabaseKeysTest {

    private Database db;
    private JdbcKeyStore store;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "", 2);
        store = new JdbcKeyStore(db.dataSource(), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void anAddedOrRevokedKeyIsSeenOnceTheRememberedAnswerIsOlderThanTheStaleness() {
        AtomicLong nanos = new AtomicLong();
        DatabaseKeys keys = new DatabaseKeys(store, nanos::get);
        assertThat(keys.isEmpty()).isTrue();
        IssuedKey key = store.add("acme", OptionalLong.of(5), KeyLimits.NONE);
        assertThat(keys.authenticate(key.key())).isPresent(); // never asked before: looked up
        assertThat(keys.authenticate(key.key()).get().credits()).hasValue(5);

        assertThat(store.revoke(key.principal().keyId())).isTrue();
        assertThat(store.revoke(key.principal().keyId())).as("twice").isFalse();
        assertThat(keys.authenticate(key.key())).as("the remembered answer, still fresh").isPresent();
        nanos.addAndGet(DatabaseKeys.STALENESS.toNanos());
        assertThat(keys.authenticate(key.key())).as("once it is stale").isEmpty();
        assertThat(keys.isEmpty()).as("only revoked keys").isTrue();

        assertThat(store.list()).singleElement().satisfies(k -> {
            assertThat(k.tenant()).isEqualTo("acme");
            assertThat(k.revoked()).isPresent();
        });
    }

    @Test
    void aKeysRequestsAreCountedPerSecond() {
        MutableClock clock = new MutableClock();
        RequestWindows windows = new RequestWindows(db.dataSource(), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(windows.admit("k1", 3)).as("request " + i).isTrue();
        }
        assertThat(windows.admit("k1", 3)).as("the fourth in the second").isFalse();
        assertThat(windows.admit("k2", 3)).as("another key").isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(windows.admit("k1", 3)).as("the next second").isTrue();
        clock.advance(Duration.ofSeconds(10));
        assertThat(windows.admit("k1", 3)).isTrue();
        assertThat(new io.kiln.db.Sql(db.dataSource()).count("SELECT COUNT(*) FROM key_request_counts WHERE key_id = 'k1'"))
                .as("old windows deleted").isEqualTo(1);
    }

    @Test
    void aLimitBelowOneIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                new KeyLimits(OptionalInt.of(0), OptionalInt.empty(), OptionalLong.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
