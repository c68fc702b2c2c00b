package io.kiln.api;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kiln.auth.ApiKeys;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limit on lookups of ids that do not exist ({@link GuessLimit}): per client, and over once the client stops. */
class GuessLimitTest {

    private static final int LIMIT = 30;

    @Test
    void aKeyThatKeepsMissingIsRefusedAloneAndServedAgainOnceItStops(@TempDir Path data) {
        ApiKeys keys = ApiKeys.load(data.resolve("keys"));
        String alice = keys.create("alice", OptionalLong.empty()).key();
        String bob = keys.create("bob", OptionalLong.empty()).key();
        try (TestServer server = TestServer.startOn(data, "--max-misses", Integer.toString(LIMIT))) {
            String alicesJob = job(server.withKey(alice));
            String bobsJob = job(server.withKey(bob));

            server.withKey(alice);
            int notFound = 0;
            HttpResponse<String> refused = null;
            for (int i = 0; i < LIMIT + 10 && refused == null; i++) {
                HttpResponse<String> r = server.get("/v1/jobs/" + UUID.randomUUID());
                if (r.statusCode() == 404) {
                    notFound++;
                } else {
                    refused = r;
                }
            }
            // the bucket refills evenly (one miss every 2 s here): a slow machine may earn one more on the way
            assertThat(notFound).as("misses answered before the limit").isBetween(LIMIT, LIMIT + 1);
            assertThat(refused).as("the first answer past the limit").isNotNull();
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(json(refused).path("code").asText()).isEqualTo("rate_limited");
            assertThat(json(refused).path("detail").asText()).contains("do not exist");
            assertThat(server.get("/v1/jobs/" + alicesJob).statusCode())
                    .as("alice's own job while she is limited: a hit is refused too, or the limit would answer guesses that hit")
                    .isEqualTo(429);
            assertThat(server.get("/health").statusCode()).as("the server").isEqualTo(200);

            server.withKey(bob);
            assertThat(server.get("/v1/jobs/" + bobsJob).statusCode()).as("bob's job meanwhile").isEqualTo(200);
            assertThat(server.get("/v1/jobs/" + UUID.randomUUID()).statusCode()).as("bob's own miss meanwhile").isEqualTo(404);
            server.withKey(null);
            assertThat(server.get("/async/job/" + UUID.randomUUID()).statusCode())
                    .as("a key-less poll from the same address: its own client").isEqualTo(404);

            server.withKey(alice);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(server.get("/v1/jobs/" + alicesJob).statusCode()).as("alice, a token later").isEqualTo(200));
        }
    }

    @Test
    void noLimitWhenTurnedOff() {
        try (TestServer server = TestServer.start("--max-misses", "0")) {
            for (int i = 0; i < 700; i++) {
                assertThat(server.get("/v1/jobs/" + UUID.randomUUID()).statusCode()).as("miss " + i).isEqualTo(404);
            }
        }
    }

    private static String job(TestServer server) {
        return server.convert(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf")).field("to", "txt"))
                .path("id").asText();
    }
}
