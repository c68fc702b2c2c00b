package io.kiln.dialect.pdfco;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.Origin;
import io.kiln.testing.TestServer;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/**
 * A job cancelled through the native API ({@code POST /v1/jobs/{id}/cancel}) stops, frees its
 * worker, stays {@code aborted} for its TTL, and PDF.co's job check says {@code aborted}.
 */
class AbortedJobTest {

    @Test
    void aCancelledJobIsAbortedEverywhereAndItsWorkerIsFree() {
        try (Origin origin = new Origin().serveHeld("/slow.pdf", Corpus.file("pdf/pdflatex-4-pages.pdf"));
             TestServer server = TestServer.start("--allow-hosts", "127.0.0.1", "--workers", "1")) {
            String id = json(server.postJson("/v1/pdf/convert/to/text",
                    "{\"url\": \"" + origin.url("/slow.pdf") + "\", \"async\": true}")).path("jobId").asText();
            assertThat(check(server, id).path("status").asText()).isEqualTo("working");

            var cancelled = server.send(server.request("/v1/jobs/" + id + "/cancel")
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(cancelled.statusCode()).isEqualTo(200);
            assertThat(json(cancelled).path("status").asText()).isEqualTo("aborted");
            assertThat(json(cancelled).path("error").path("code").asText()).isEqualTo("aborted");

            // the one worker was fetching the held URL; it is free for the next job at once
            JsonNode next = server.convert(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                    .field("to", "txt"));
            assertThat(next.path("status").asText()).isEqualTo("success");

            origin.release();
            JsonNode checked = check(server, id);
            assertThat(checked.path("status").asText()).isEqualTo("aborted");
            assertThat(checked.path("credits").asInt()).isZero();
            JsonNode job = json(server.get("/v1/jobs/" + id));
            assertThat(job.path("status").asText()).isEqualTo("aborted");
            assertThat(job.path("outputs")).isEmpty();
            assertThat(server.send(server.request("/v1/jobs/" + id + "/output").GET().build()).statusCode())
                    .isEqualTo(409);

            // cancelling what has ended changes nothing; an unknown id is 404
            assertThat(json(server.send(server.request("/v1/jobs/" + next.path("id").asText() + "/cancel")
                    .POST(HttpRequest.BodyPublishers.noBody()).build())).path("status").asText()).isEqualTo("success");
            assertThat(server.send(server.request("/v1/jobs/0b1e0c3a-9d7e-4f0e-8a55-3c1c4f1b2d90/cancel")
                    .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(404);
        }
    }

    private static JsonNode check(TestServer server, String id) {
        return json(server.postJson("/v1/job/check", "{\"jobid\": \"" + id + "\"}"));
    }
}
