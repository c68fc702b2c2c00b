package io.kiln.dialect.convertapi;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.Origin;
import io.kiln.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code GET /job/{id}}: held while converting, one poll at a time, 5XX on failure; delete and expiry. */
class PollingTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aPollIsHeldWhileConvertingAndASecondConcurrentPollIs503() throws Exception {
        try (Origin origin = new Origin().serveHeld("/slow.pdf", Corpus.file("pdf/pdflatex-4-pages.pdf"));
             TestServer server = TestServer.start("--allow-hosts", "127.0.0.1")) {
            String id = json(server.send(server.request("/convert/pdf/to/txt?Async=true&File=" + origin.url("/slow.pdf"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build())).path("JobId").asText();

            long start = System.nanoTime();
            HttpResponse<String> converting = server.get("/job/" + id);
            assertThat(converting.statusCode()).isEqualTo(202);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(4));

            CompletableFuture<HttpResponse<String>> a = poll(server, id);
            CompletableFuture<HttpResponse<String>> b = poll(server, id);
            HttpResponse<?> first = (HttpResponse<?>) CompletableFuture.anyOf(a, b).get(4, TimeUnit.SECONDS);
            assertThat(first.statusCode()).isEqualTo(503);
            assertThat(json(cast(first)).path("Code").asInt()).isEqualTo(5030);

            origin.release();
            long released = System.nanoTime();
            HttpResponse<String> held = (a.isDone() && a.get() == first ? b : a).get(10, TimeUnit.SECONDS);
            assertThat(held.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - released)).isLessThan(Duration.ofSeconds(4));
            assertThat(json(held).path("Files").get(0).path("FileExt").asText()).isEqualTo("txt");
            assertThat(server.get("/job/" + id).statusCode()).isEqualTo(200); // the guard was let go
        }
    }

    @Test
    void theHoldIsConfigurable() throws Exception {
        try (Origin origin = new Origin().serveHeld("/slow.pdf", Corpus.file("pdf/pdflatex-4-pages.pdf"));
             TestServer server = TestServer.start("--allow-hosts", "127.0.0.1", "--convertapi-poll-wait", "1s")) {
            String id = json(server.send(server.request("/convert/pdf/to/txt?Async=true&File=" + origin.url("/slow.pdf"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build())).path("JobId").asText();
            long start = System.nanoTime();
            assertThat(server.get("/job/" + id).statusCode()).isEqualTo(202);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(4));
            origin.release();
            assertThat(SeedPolls.untilDone(server, id).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aFailedConversionIsA5xxWithConvertApisErrorShape() {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> sync = server.postMultipart("/convert/pdf/to/txt",
                    Multipart.form().file("File", Corpus.file("bad/PasswordSample-256bit.pdf")));
            assertThat(sync.statusCode()).isEqualTo(500);
            assertThat(json(sync).path("Code").asInt()).isEqualTo(5003);
            assertThat(json(sync).path("Message").asText()).isNotBlank();

            String id = json(server.postMultipart("/convert/pdf/to/txt", Multipart.form().field("Async", "true")
                    .file("File", Corpus.file("bad/PasswordSample-256bit.pdf")))).path("JobId").asText();
            HttpResponse<String> polled = SeedPolls.untilDone(server, id);
            assertThat(polled.statusCode()).isEqualTo(500);
            assertThat(json(polled).path("Code").asInt()).isEqualTo(5003);
        }
    }

    @Test
    void deletingAJobAnswers200ThenNotFound() {
        try (TestServer server = TestServer.start()) {
            String id = json(server.postMultipart("/convert/pdf/to/txt", Multipart.form().field("Async", "true")
                    .file("File", Corpus.file("pdf/minimal-document.pdf")))).path("JobId").asText();
            assertThat(server.delete("/job/" + id).statusCode()).isEqualTo(200);
            assertThat(server.delete("/job/" + id).statusCode()).isEqualTo(404);
            assertThat(server.get("/job/" + id).statusCode()).isEqualTo(404);
            assertThat(server.delete("/job/nonsense").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void jobsAndTheirFilesAreGoneAfterTheTtl() {
        try (TestServer server = TestServer.start("--job-ttl", "2h")) {
            HttpResponse<String> done = server.postMultipart("/convert/pdf/to/txt",
                    Multipart.form().field("StoreFile", "true").field("JobId", "6f1c1f9e-3b7a-4c55-9d0e-2a5b8c7d9e10")
                            .file("File", Corpus.file("pdf/minimal-document.pdf")));
            assertThat(done.statusCode()).isEqualTo(200);
            String url = json(done).path("Files").get(0).path("Url").asText();
            String fileId = json(done).path("Files").get(0).path("FileId").asText();
            String id = "6f1c1f9e-3b7a-4c55-9d0e-2a5b8c7d9e10";

            server.clock().advance(Duration.ofHours(2).minusMinutes(1));
            server.kiln().sweeper().sweepOnce();
            assertThat(server.get("/job/" + id).statusCode()).isEqualTo(200);

            server.clock().advance(Duration.ofMinutes(2));
            server.kiln().sweeper().sweepOnce();
            assertThat(server.get("/job/" + id).statusCode()).isEqualTo(404);
            assertThat(server.delete("/job/" + id).statusCode()).isEqualTo(404);
            assertThat(server.get("/d/" + fileId + "/minimal-document.txt").statusCode()).isEqualTo(404);
            assertThat(server.send(HttpRequest.newBuilder(URI.create(url)).build()).statusCode()).isEqualTo(404);
        }
    }

    private CompletableFuture<HttpResponse<String>> poll(TestServer server, String id) {
        return http.sendAsync(server.request("/job/" + id).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static HttpResponse<String> cast(HttpResponse<?> r) {
        return (HttpResponse<String>) r;
    }
}
