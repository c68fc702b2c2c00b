package io.kiln.api;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kiln.auth.JdbcKeyStore;
import io.kiln.auth.KeyLimits;
import io.kiln.db.Database;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.Origin;
import io.kiln.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database key's limits on one node ({@link ClusterKeysTest} counts two nodes): over its requests a second or its concurrent jobs, 429 with {@code Retry-After} in each
 * dialect's own error shape; over its upload size, 413.
 */
class KeyLimitsTest {

    /**
     * Adds a key to the server's database, as {@code ./kiln keys add} does, and waits for the server
     * to need keys (it started with none, so it was open: that answer is kept up to a second).
     */
    private static String key(TestServer server, KeyLimits limits) {
        try (Database db = server.openDatabase()) {
            String key = new JdbcKeyStore(db.dataSource(), Clock.systemUTC()).add("acme", OptionalLong.empty(), limits).key();
            await().atMost(Duration.ofSeconds(2)).until(() -> server.send(HttpRequest.newBuilder(
                    URI.create(server.base() + "/v1/account")).header("Authorization", "Bearer kiln_unknown").build())
                    .statusCode() == 401);
            return key;
        }
    }

    private static KeyLimits limits(Integer rps, Integer jobs, Long upload) {
        return new KeyLimits(rps == null ? OptionalInt.empty() : OptionalInt.of(rps),
                jobs == null ? OptionalInt.empty() : OptionalInt.of(jobs),
                upload == null ? OptionalLong.empty() : OptionalLong.of(upload));
    }

    private static void assertLimited(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void overItsRequestsASecondAKeyIsAnswered429InEveryDialectsShape(@TempDir Path data) {
        try (TestServer server = TestServer.startOn(data)) {
            String key = key(server, limits(2, null, null));
            // the tests' clock stands still: every request below falls in the same second
            HttpRequest account = HttpRequest.newBuilder(URI.create(server.base() + "/v1/account"))
                    .header("Authorization", "Bearer " + key).build();
            assertThat(server.send(account).statusCode()).isEqualTo(200);
            assertThat(server.send(account).statusCode()).isEqualTo(200);

            HttpResponse<String> nativeApi = server.send(account);
            assertLimited(nativeApi);
            assertThat(nativeApi.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(json(nativeApi).path("code").asText()).isEqualTo("rate_limited");
            assertThat(json(nativeApi).path("detail").asText()).contains("2 request(s) a second");

            HttpResponse<String> convertApi = server.send(server.request("/convert/pdf/to/txt?Secret=" + key)
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertLimited(convertApi);
            assertThat(json(convertApi).path("Code").asInt()).isEqualTo(4290);

            HttpResponse<String> pdfCo = server.send(HttpRequest.newBuilder(URI.create(server.base()
                    + "/v1/job/check?jobid=" + UUID.randomUUID())).header("x-api-key", key).build());
            assertLimited(pdfCo);
            assertThat(json(pdfCo).path("error").asBoolean()).isTrue();
            assertThat(json(pdfCo).path("status").asInt()).isEqualTo(429);

            HttpResponse<String> pdfRest = server.send(HttpRequest.newBuilder(URI.create(server.base()
                    + "/request-status/" + UUID.randomUUID())).header("Api-Key", key).build());
            assertLimited(pdfRest);
            assertThat(json(pdfRest).path("error").asText()).contains("request(s) a second");

            server.clock().advance(Duration.ofSeconds(1));
            assertThat(server.send(account).statusCode()).as("the next second").isEqualTo(200);
        }
    }

    @Test
    void overItsConcurrentJobsAKeyIsAnswered429(@TempDir Path data) {
        try (Origin origin = new Origin().serveHeld("/slow.pdf", Corpus.file("pdf/minimal-document.pdf"));
             TestServer server = TestServer.startOn(data, "--allow-hosts", "127.0.0.1")) {
            server.withKey(key(server, limits(null, 1, null)));
            HttpResponse<String> first = server.postJson("/v1/jobs",
                    "{\"to\":\"txt\",\"url\":\"" + origin.url("/slow.pdf") + "\"}");
            assertThat(first.statusCode()).as(first.body()).isEqualTo(202);

            HttpResponse<String> second = server.postMultipart("/v1/jobs", Multipart.form()
                    .file("file", Corpus.file("pdf/minimal-document.pdf")).field("to", "txt"));
            assertLimited(second);
            assertThat(json(second).path("code").asText()).isEqualTo("rate_limited");
            assertThat(json(second).path("detail").asText()).contains("1 job(s) queued or running");

            origin.release();
            assertThat(server.awaitEnd(json(first).path("id").asText()).path("status").asText()).isEqualTo("success");
            assertThat(server.convert(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                    .field("to", "txt")).path("status").asText()).as("once the first has ended").isEqualTo("success");
        }
    }

    @Test
    void overItsUploadSizeAKeyIsAnswered413(@TempDir Path data) {
        try (TestServer server = TestServer.startOn(data)) {
            server.withKey(key(server, limits(null, null, 1024L)));
            HttpResponse<String> r = server.postMultipart("/v1/jobs", Multipart.form()
                    .file("file", Corpus.file("pdf/freeculture.pdf")).field("to", "txt"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
            assertThat(json(r).path("code").asText()).isEqualTo("payload_too_large");
            assertThat(json(r).path("detail").asText()).contains("at most 1024 bytes");
        }
    }
}
