package io.kiln.api;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.kiln.testing.Corpus;
import io.kiln.testing.TestServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** URL inputs: fetched for real, but loopback and private addresses only when allow-listed. */
class UrlInputTest {

    private HttpServer origin;
    private final AtomicInteger hits = new AtomicInteger();
    private final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

    @BeforeEach
    void startOrigin() throws Exception {
        origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/paper.pdf", ex -> {
            hits.incrementAndGet();
            byte[] body = Files.readAllBytes(Corpus.file("pdf/pdflatex-4-pages.pdf"));
            ex.getResponseHeaders().add("Content-Type", "application/pdf");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        origin.createContext("/held.pdf", ex -> {
            // a download that never finishes until the test lets it: headers, then nothing
            hits.incrementAndGet();
            ex.getResponseHeaders().add("Content-Type", "application/pdf");
            ex.sendResponseHeaders(200, 0);
            try {
                release.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        origin.createContext("/missing", ex -> {
            hits.incrementAndGet();
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        origin.start();
    }

    @AfterEach
    void stopOrigin() {
        release.countDown();
        origin.stop(0);
    }

    @Test
    void deletingAJobWhileItsUrlDownloadsAbortsTheDownloadAndFreesTheWorker() {
        try (TestServer server = TestServer.start("--workers", "1", "--allow-hosts", "127.0.0.1")) {
            HttpResponse<String> created = server.postJson("/v1/jobs",
                    "{\"to\":\"txt\",\"url\":\"" + url("/held.pdf") + "\"}");
            assertThat(created.statusCode()).isEqualTo(202);
            String id = json(created).path("id").asText();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> hits.get() == 1);

            assertThat(server.delete("/v1/jobs/" + id).statusCode()).isEqualTo(204);
            assertThat(server.get("/v1/jobs/" + id).statusCode()).isEqualTo(404);
            // the only worker is free again although the origin still holds the download
            JsonNode next = server.convert(io.kiln.testing.Multipart.form()
                    .file("file", Corpus.file("pdf/minimal-document.pdf")).field("to", "info"));
            assertThat(next.path("status").asText()).isEqualTo("success");
            assertThat(release.getCount()).as("the origin was never released").isEqualTo(1);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + origin.getAddress().getPort() + path;
    }

    @Test
    void loopbackUrlsAreRefusedUnlessAllowListed() {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> r = server.postJson("/v1/jobs", "{\"to\":\"txt\",\"url\":\"" + url("/paper.pdf") + "\"}");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r).path("code").asText()).isEqualTo("url_forbidden");
            for (String bad : new String[] {"file:///etc/passwd", "ftp://example.org/a.pdf", "http://169.254.169.254/x"}) {
                HttpResponse<String> refused = server.postJson("/v1/jobs", "{\"to\":\"txt\",\"url\":\"" + bad + "\"}");
                assertThat(refused.statusCode()).as(bad).isEqualTo(400);
                assertThat(json(refused).path("code").asText()).as(bad).isEqualTo("url_forbidden");
            }
            assertThat(hits.get()).isZero();
        }
    }

    @Test
    void kilnsOwnDownloadLinksAreResolvedInternallyAndOnlyForTheirOwner() throws Exception {
        java.nio.file.Path data = java.nio.file.Files.createTempDirectory("kiln-own-links");
        io.kiln.auth.ApiKeys keys = io.kiln.auth.ApiKeys.load(data.resolve("keys"));
        String alice = keys.create("alice").key();
        String bob = keys.create("bob").key();
        try (TestServer server = TestServer.startOn(data).withKey(alice)) {
            JsonNode first = server.convert(io.kiln.testing.Multipart.form()
                    .file("file", Corpus.file("pdf/pdflatex-4-pages.pdf")).field("to", "split").field("pages", "2-3"));
            String link = first.path("outputs").get(0).path("url").asText();
            // chaining: the output link of one job is the input of the next, without any fetch
            HttpResponse<String> chained = server.postJson("/v1/jobs", "{\"to\":\"info\",\"url\":\"" + link + "\"}");
            assertThat(chained.statusCode()).isEqualTo(202);
            JsonNode info = server.awaitEnd(json(chained).path("id").asText());
            assertThat(info.path("status").asText()).isEqualTo("success");
            assertThat(json(server.get("/v1/jobs/" + info.path("id").asText() + "/output")).path("pageCount").asInt())
                    .isEqualTo(2);
            // another tenant's job cannot use it: to them it is just a loopback URL, refused
            server.withKey(bob);
            HttpResponse<String> stolen = server.postJson("/v1/jobs", "{\"to\":\"info\",\"url\":\"" + link + "\"}");
            assertThat(stolen.statusCode()).isEqualTo(400);
            assertThat(json(stolen).path("code").asText()).isEqualTo("url_forbidden");
        }
    }

    @Test
    void anAllowListedUrlIsFetchedDetectedAndConverted() {
        try (TestServer server = TestServer.start("--allow-hosts", "127.0.0.1")) {
            HttpResponse<String> r = server.postJson("/v1/jobs", "{\"to\":\"txt\",\"inputs\":[{\"url\":\""
                    + url("/paper.pdf") + "\"}],\"options\":{\"pages\":\"1\"}}");
            assertThat(r.statusCode()).isEqualTo(202);
            JsonNode job = server.awaitEnd(json(r).path("id").asText());
            assertThat(job.path("status").asText()).isEqualTo("success");
            assertThat(job.path("from").asText()).isEqualTo("pdf");
            assertThat(job.path("outputs").get(0).path("name").asText()).isEqualTo("paper.txt");
            assertThat(hits.get()).isEqualTo(1);

            JsonNode missing = server.awaitEnd(json(server.postJson("/v1/jobs",
                    "{\"to\":\"txt\",\"url\":\"" + url("/missing") + "\"}")).path("id").asText());
            assertThat(missing.path("status").asText()).isEqualTo("failed");
            assertThat(missing.path("error").path("code").asText()).isEqualTo("url_fetch_failed");
            assertThat(missing.path("error").path("message").asText()).contains("404");
        }
    }
}
