package io.kiln.api;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Limits answered with the right status: 413, 429 + Retry-After, timeout, too many pages; cancel. */
class LimitsTest {

    /** A conversion that keeps the single worker busy for many seconds. */
    private static Multipart slowJob() {
        return Multipart.form().file("file", Corpus.file("pdf/freeculture.pdf")).field("to", "png")
                .field("dpi", "150");
    }

    private static String awaitWorking(TestServer server, HttpResponse<String> created) {
        String id = json(created).path("id").asText();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> json(server.get("/v1/jobs/" + id)).path("status").asText().equals("working"));
        return id;
    }

    @Test
    void anUploadOverTheLimitIs413AndCreatesNoJob() {
        try (TestServer server = TestServer.start("--max-upload", "100k")) {
            HttpResponse<String> r = server.postMultipart("/v1/jobs", Multipart.form()
                    .file("file", Corpus.file("pdf/cweb.pdf")).field("to", "txt"));
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(json(r).path("code").asText()).isEqualTo("payload_too_large");
            assertThat(json(server.get("/v1/jobs")).path("jobs")).isEmpty();
            assertThat(server.convert(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                    .field("to", "txt")).path("status").asText()).isEqualTo("success");
        }
    }

    @Test
    void aFullQueueAnswers429WithRetryAfter() {
        try (TestServer server = TestServer.start("--workers", "1", "--max-queue", "1")) {
            String slow = awaitWorking(server, server.postMultipart("/v1/jobs", slowJob()));
            HttpResponse<String> queued = server.postMultipart("/v1/jobs", Multipart.form()
                    .file("file", Corpus.file("pdf/minimal-document.pdf")).field("to", "info"));
            assertThat(queued.statusCode()).isEqualTo(202);
            assertThat(json(queued).path("queuePosition").asInt()).isZero();
            HttpResponse<String> refused = server.postMultipart("/v1/jobs", Multipart.form()
                    .file("file", Corpus.file("pdf/minimal-document.pdf")).field("to", "info"));
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(json(refused).path("code").asText()).isEqualTo("queue_full");
            assertThat(server.delete("/v1/jobs/" + slow).statusCode()).isEqualTo(204);
            assertThat(server.awaitEnd(json(queued).path("id").asText()).path("status").asText()).isEqualTo("success");
        }
    }

    @Test
    void aTaskOverItsTimeLimitFailsWithTimeoutAndTheWorkerCarriesOn() {
        try (TestServer server = TestServer.start("--workers", "1")) {
            JsonNode job = server.convert(slowJob().field("timeout", "1"));
            assertThat(job.path("status").asText()).isEqualTo("failed");
            assertThat(job.path("error").path("code").asText()).isEqualTo("timeout");
            assertThat(job.path("outputs")).isEmpty();
            HttpResponse<String> sync = server.postMultipart("/v1/convert/png", Multipart.form()
                    .file("file", Corpus.file("pdf/freeculture.pdf")).field("timeout", "1"));
            assertThat(sync.statusCode()).isEqualTo(503);
            assertThat(json(sync).path("code").asText()).isEqualTo("timeout");
            assertThat(server.convert(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                    .field("to", "info")).path("status").asText()).isEqualTo("success");
        }
    }

    @Test
    void aCallerOnTheLineGetsTheShorterSyncLimitWhileTheSameConversionAsAJobKeepsGoing() {
        try (TestServer server = TestServer.start("--workers", "1", "--sync-task-timeout", "1s")) {
            // every page of a 350-page book at 150 dpi: many seconds of work on any machine
            HttpResponse<String> sync = server.postMultipart("/v1/convert/png", Multipart.form()
                    .file("file", Corpus.file("pdf/freeculture.pdf")).field("dpi", "150"));
            assertThat(sync.statusCode()).isEqualTo(503);
            assertThat(json(sync).path("code").asText()).isEqualTo("timeout");
            HttpResponse<String> submitted = server.postMultipart("/v1/jobs", Multipart.form()
                    .file("file", Corpus.file("pdf/freeculture.pdf")).field("to", "png").field("dpi", "150"));
            assertThat(submitted.statusCode()).isEqualTo(202);
            String id = json(submitted).path("id").asText();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> json(server.get("/v1/jobs/" + id)).path("status").asText().equals("working"));
            // the job has --task-timeout (15 min): still converting well past the 1 s a caller on the line gets
            org.awaitility.Awaitility.await().during(java.time.Duration.ofSeconds(3)).atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> json(server.get("/v1/jobs/" + id)).path("status").asText().equals("working"));
            assertThat(server.delete("/v1/jobs/" + id).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void tooManyPagesIs422() {
        try (TestServer server = TestServer.start("--max-pages", "5")) {
            JsonNode job = server.convert(Multipart.form().file("file", Corpus.file("pdf/cweb.pdf")).field("to", "txt"));
            assertThat(job.path("error").path("code").asText()).isEqualTo("too_many_pages");
            HttpResponse<String> sync = server.postMultipart("/v1/convert/txt", Multipart.form()
                    .file("file", Corpus.file("pdf/cweb.pdf")));
            assertThat(sync.statusCode()).isEqualTo(422);
            assertThat(json(sync).path("code").asText()).isEqualTo("too_many_pages");
            assertThat(json(sync).path("jobId").asText()).isNotEmpty();
        }
    }

    /** Found by the schema-driven fuzzer: options past what the jobs table holds were a 500 in every dialect. */
    @Test
    void optionsLargerThanAJobHoldsAre400AndCreateNoJob() {
        try (TestServer server = TestServer.start()) {
            JsonNode file = json(server.postMultipart("/v1/files", Multipart.form()
                    .file("file", Corpus.file("pdf/minimal-document.pdf"))));
            String huge = "A".repeat(100_000);
            HttpResponse<String> nativeJob = server.postJson("/v1/jobs", "{\"to\":\"txt\",\"fileId\":\""
                    + file.path("fileId").asText() + "\",\"options\":{\"name\":\"" + huge + "\"}}");
            assertThat(nativeJob.statusCode()).isEqualTo(400);
            assertThat(json(nativeJob).path("code").asText()).isEqualTo("bad_request");
            HttpResponse<String> pdfCo = server.postJson("/v1/pdf/convert/to/text", "{\"url\":\""
                    + file.path("url").asText() + "\",\"password\":\"" + huge + "\"}");
            assertThat(pdfCo.statusCode()).isEqualTo(400);
            assertThat(json(pdfCo).path("error").asBoolean()).isTrue();
            assertThat(json(server.get("/v1/jobs")).path("jobs")).isEmpty();
        }
    }

    @Test
    void deletingARunningJobAbortsItAndFreesTheWorker() {
        try (TestServer server = TestServer.start("--workers", "1")) {
            String slow = awaitWorking(server, server.postMultipart("/v1/jobs", slowJob()));
            assertThat(server.delete("/v1/jobs/" + slow).statusCode()).isEqualTo(204);
            assertThat(server.get("/v1/jobs/" + slow).statusCode()).isEqualTo(404);
            JsonNode next = server.convert(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                    .field("to", "info"));
            assertThat(next.path("status").asText()).isEqualTo("success");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (var work = java.nio.file.Files.list(server.kiln().scratch())) {
                    return work.findAny().isEmpty();
                }
            });
        }
    }
}
