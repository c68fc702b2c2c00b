package io.kiln.api;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Jobs, their inputs and outputs disappear after the TTL, driven by an injected clock. */
class ExpiryTest {

    @Test
    void jobsAndTheirFilesAreSweptAfterTheTtlFromCompletion() throws Exception {
        try (TestServer server = TestServer.start("--job-ttl", "2h")) {
            JsonNode job = server.convert(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                    .field("to", "txt"));
            String id = job.path("id").asText();
            String link = job.path("outputs").get(0).path("url").asText();
            long blobsBefore = blobCount(server);
            assertThat(blobsBefore).isEqualTo(2); // the upload and the output

            server.clock().advance(Duration.ofHours(2).minusMinutes(1));
            assertThat(server.kiln().sweeper().sweepOnce()).isZero();
            assertThat(server.get("/v1/jobs/" + id).statusCode()).isEqualTo(200);
            assertThat(get(server, link)).isEqualTo(200);

            server.clock().advance(Duration.ofMinutes(2));
            assertThat(server.kiln().sweeper().sweepOnce()).isPositive();
            assertThat(server.get("/v1/jobs/" + id).statusCode()).isEqualTo(404);
            assertThat(json(server.get("/v1/jobs/" + id)).path("code").asText()).isEqualTo("not_found");
            assertThat(get(server, link)).isEqualTo(404);
            assertThat(server.get("/v1/jobs/" + id + "/output").statusCode()).isEqualTo(404);
            assertThat(blobCount(server)).isZero();
        }
    }

    @Test
    void signedLinksStopWorkingWhenTheyExpireEvenBeforeTheSweep() {
        try (TestServer server = TestServer.start("--job-ttl", "1h")) {
            JsonNode job = server.convert(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                    .field("to", "txt"));
            String link = job.path("outputs").get(0).path("url").asText();
            assertThat(get(server, link)).isEqualTo(200);
            server.clock().advance(Duration.ofMinutes(61));
            assertThat(get(server, link)).isEqualTo(404);
        }
    }

    @Test
    void anExpiredJobIsNotFoundEvenBeforeTheSweepAndItsIdCanBeUsedAgain() {
        try (TestServer server = TestServer.start("--job-ttl", "1h")) {
            JsonNode job = server.convert(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                    .field("to", "txt").field("jobId", "reused-id"));
            assertThat(job.path("status").asText()).isEqualTo("success");
            server.clock().advance(Duration.ofMinutes(61));
            assertThat(server.get("/v1/jobs/reused-id").statusCode()).isEqualTo(404);
            assertThat(server.get("/v1/jobs/reused-id?wait=1").statusCode()).isEqualTo(404);
            assertThat(server.delete("/v1/jobs/reused-id").statusCode()).isEqualTo(404);

            JsonNode again = server.convert(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                    .field("to", "txt").field("jobId", "reused-id"));
            assertThat(again.path("status").asText()).isEqualTo("success");
            assertThat(again.path("createdAt").asText()).isNotEqualTo(job.path("createdAt").asText());
            assertThat(server.get("/v1/jobs/reused-id").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void storedUploadsExpireToo() {
        try (TestServer server = TestServer.start("--job-ttl", "2h")) {
            String fileId = json(server.postMultipart("/v1/files",
                    Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf")))).path("fileId").asText();
            server.clock().advance(Duration.ofHours(3));
            server.kiln().sweeper().sweepOnce();
            assertThat(server.postJson("/v1/jobs", "{\"to\":\"txt\",\"fileId\":\"" + fileId + "\"}").statusCode())
                    .isEqualTo(404);
        }
    }

    private static int get(TestServer server, String url) {
        return server.send(HttpRequest.newBuilder(URI.create(url)).GET().build()).statusCode();
    }

    private static long blobCount(TestServer server) throws Exception {
        return server.storedBlobs();
    }
}
