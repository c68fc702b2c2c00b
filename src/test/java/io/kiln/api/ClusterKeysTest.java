package io.kiln.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kiln.auth.IssuedKey;
import io.kiln.auth.JdbcKeyStore;
import io.kiln.auth.KeyLimits;
import io.kiln.db.Database;
import io.kiln.testing.Postgres;
import io.kiln.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL and nothing else in common: a key added to the database is honoured
 * on both within a second, a key revoked is refused on both within a second, and a key's rate
 * limit counts the requests of both.
 */
class ClusterKeysTest {

    private static final Duration WITHIN_A_SECOND = Duration.ofSeconds(2); // a second's promise, and slack for a busy machine

    private static TestServer node(String url, String... flags) {
        // no --allow-anonymous: a node on a shared database starts only because the database has keys
        String[] all = new String[flags.length + 4];
        System.arraycopy(new String[] {"--db-url", url, "--db-user", Postgres.server().user()}, 0, all, 0, 4);
        System.arraycopy(flags, 0, all, 4, flags.length);
        return TestServer.start(all);
    }

    private static int account(TestServer node, String key) {
        return node.send(HttpRequest.newBuilder(URI.create(node.base() + "/v1/account"))
                .header("Authorization", "Bearer " + key).build()).statusCode();
    }

    @Test
    void aKeyAddedOnOneNodeWorksOnTheOtherAndOneRevokedOnTheOtherIsRefusedOnTheFirst() {
        String url = Postgres.server().freshDatabase();
        try (Database db = Database.open(url, Postgres.server().user(), "", 2)) {
            var keys = new JdbcKeyStore(db.dataSource(), Clock.systemUTC());
            IssuedKey other = keys.add("other", OptionalLong.empty(), KeyLimits.NONE);
            try (TestServer a = node(url); TestServer b = node(url)) {
                addAndRevoke(keys, a, b, other);
            }
        }
    }

    private static void addAndRevoke(JdbcKeyStore keys, TestServer a, TestServer b, IssuedKey other) {
        assertThat(account(a, other.key())).isEqualTo(200);

        IssuedKey added = keys.add("acme", OptionalLong.empty(), KeyLimits.NONE); // as ./kiln keys add does, "on A"
        await().atMost(WITHIN_A_SECOND).until(() -> account(b, added.key()) == 200);
        assertThat(account(a, added.key())).isEqualTo(200); // A now holds it as valid

        assertThat(keys.revoke(added.principal().keyId())).isTrue(); // as ./kiln keys revoke does, "on B"
        await().atMost(WITHIN_A_SECOND).until(() -> account(a, added.key()) == 401);
        await().atMost(WITHIN_A_SECOND).until(() -> account(b, added.key()) == 401);
        assertThat(account(a, other.key())).as("another key meanwhile").isEqualTo(200);
        assertThat(account(a, "kiln_not-a-key")).isEqualTo(401);
    }

    @Test
    void aKeysRateLimitCountsTheRequestsOfEveryNode() {
        String url = Postgres.server().freshDatabase();
        try (Database db = Database.open(url, Postgres.server().user(), "", 2)) {
            IssuedKey key = new JdbcKeyStore(db.dataSource(), Clock.systemUTC())
                    .add("acme", OptionalLong.empty(), new KeyLimits(OptionalInt.of(4), OptionalInt.empty(), OptionalLong.empty()));
            try (TestServer a = node(url); TestServer b = node(url)) {
                // both nodes' clocks stand still (the tests' clock): every request falls in one second
                b.clock().advance(Duration.between(b.clock().instant(), a.clock().instant()));
                int served = 0;
                int refused = 0;
                for (int i = 0; i < 10; i++) {
                    int status = account(i % 2 == 0 ? a : b, key.key());
                    if (status == 200) {
                        served++;
                    } else if (status == 429) {
                        refused++;
                    }
                }
                assertThat(served).as("requests served in the second, on both nodes together").isEqualTo(4);
                assertThat(refused).isEqualTo(6);
            }
        }
    }
}
