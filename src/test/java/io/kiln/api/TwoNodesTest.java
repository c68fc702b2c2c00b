package io.kiln.api;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.Origin;
import io.kiln.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL and one bucket (the build's cluster run only), configured with nothing
 * else in common: they share the work, and either answers for a job the other accepted: its state,
 * its files and signed links, its deletion.
 */
class TwoNodesTest {

    @TempDir
    Path second;

    private static void assumeCluster() {
        assumeTrue("postgres".equals(System.getProperty("kiln.test.database"))
                && "s3".equals(System.getProperty("kiln.test.storage")), "a cluster's set-up (the build's second run)");
    }

    private static long holds(TestServer server) throws Exception {
        try (var c = server.database(); var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM poll_holds")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A second node on the first one's database and bucket. */
    private TestServer secondNode(TestServer first, String... flags) throws Exception {
        for (String marker : new String[] {".test-database-url", ".test-bucket"}) {
            Files.copy(first.data().resolve(marker), second.resolve(marker));
        }
        return TestServer.startOn(second, flags);
    }

    @Test
    void aConvertApiPollHeldOnOneNodeRefusesAConcurrentPollOnTheOther() throws Exception {
        assumeCluster();
        try (Origin origin = new Origin().serveHeld("/slow.pdf", Corpus.file("pdf/pdflatex-4-pages.pdf"));
             TestServer a = TestServer.start("--allow-hosts", "127.0.0.1");
             TestServer b = secondNode(a, "--allow-hosts", "127.0.0.1")) {
            String id = json(a.send(a.request("/convert/pdf/to/txt?Async=true&File=" + origin.url("/slow.pdf"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build())).path("JobId").asText();
            var held = CompletableFuture.supplyAsync(() -> a.get("/job/" + id));
            await().atMost(Duration.ofSeconds(10)).until(() -> holds(a) == 1); // node A holds the poll
            var other = b.get("/job/" + id);
            assertThat(other.statusCode()).isEqualTo(503);
            assertThat(json(other).path("Code").asInt()).isEqualTo(5030);
            origin.release();
            assertThat(held.get(30, TimeUnit.SECONDS).statusCode()).isIn(200, 202);
            await().atMost(Duration.ofSeconds(30)).until(() -> b.get("/job/" + id).statusCode() == 200);
        }
    }

    @Test
    void nodesShareJobsFilesAndDeletions() throws Exception {
        assumeCluster();
        try (TestServer a = TestServer.start("--workers", "1")) {
            try (TestServer b = secondNode(a, "--workers", "1")) {
                String slow = json(a.postMultipart("/v1/jobs", Multipart.form()
                        .file("file", Corpus.file("pdf/freeculture.pdf")).field("to", "png").field("dpi", "150")))
                        .path("id").asText();
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> json(b.get("/v1/jobs/" + slow)).path("status").asText().equals("working"));

                // one worker per node, one of them busy: the other node's worker converts this one, and a
                // long-poll held on either node (so on one that did not run it) answers when it ends
                String id = json(a.postMultipart("/v1/jobs", Multipart.form()
                        .file("file", Corpus.file("pdf/pdflatex-4-pages.pdf")).field("to", "txt"))).path("id").asText();
                var onA = CompletableFuture.supplyAsync(() -> json(a.get("/v1/jobs/" + id + "?wait=60")));
                var onB = CompletableFuture.supplyAsync(() -> json(b.get("/v1/jobs/" + id + "?wait=60")));
                JsonNode quick = onA.get(30, TimeUnit.SECONDS);
                assertThat(quick.path("status").asText()).isEqualTo("success");
                assertThat(onB.get(30, TimeUnit.SECONDS).path("status").asText()).isEqualTo("success");
                assertThat(json(a.get("/v1/jobs/" + slow)).path("status").asText()).isEqualTo("working");

                String fromA = a.get("/v1/jobs/" + id + "/output").body();
                assertThat(b.get("/v1/jobs/" + id + "/output").body()).isEqualTo(fromA).contains("original language");
                // signed by A with the secret it generated, which B finds in the database
                String link = quick.path("outputs").get(0).path("url").asText();
                String linkOnB = link.replaceFirst("^https?://[^/]+", b.base());
                assertThat(b.send(HttpRequest.newBuilder(URI.create(linkOnB)).GET().build()).body()).isEqualTo(fromA);

                assertThat(b.delete("/v1/jobs/" + slow).statusCode()).isEqualTo(204);
                assertThat(a.get("/v1/jobs/" + slow).statusCode()).isEqualTo(404);
            }
        }
    }
}
