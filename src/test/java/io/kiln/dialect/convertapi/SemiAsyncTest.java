package io.kiln.dialect.convertapi;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Origin;
import io.kiln.testing.TestServer;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A sync call with a client {@code JobId} survives a dropped connection and is never converted twice. */
class SemiAsyncTest {

    private Origin origin;
    private TestServer server;

    @BeforeEach
    void start() {
        origin = new Origin().serveHeld("/big.pdf", Corpus.file("pdf/pdflatex-4-pages.pdf"));
        server = TestServer.start("--allow-hosts", "127.0.0.1");
    }

    @AfterEach
    void stop() {
        server.close();
        origin.close();
    }

    @Test
    void aDroppedSyncCallIsCollectedByPollingAndSendingItAgainConvertsNothing() throws Exception {
        String jobId = UUID.randomUUID().toString();
        String call = "/convert/pdf/to/txt?JobId=" + jobId + "&File="
                + URLEncoder.encode(origin.url("/big.pdf"), StandardCharsets.UTF_8);
        long endedBefore = KilnFacts.jobsEnded(server);

        try (Socket socket = new Socket("127.0.0.1", server.kiln().port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + call + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> origin.hits("/big.pdf") == 1); // converting now
        } // the connection is lost mid-conversion
        origin.release();

        HttpResponse<String> collected = SeedPolls.untilDone(server, jobId);
        assertThat(collected.statusCode()).isEqualTo(200);
        JsonNode polledFile = json(collected).path("Files").get(0);
        assertThat(polledFile.path("FileExt").asText()).isEqualTo("txt");
        assertThat(KilnFacts.jobsEnded(server)).isEqualTo(endedBefore + 1);

        HttpResponse<String> again = server.send(server.request(call).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode file = json(again).path("Files").get(0);
        assertThat(file.path("FileSize").asLong()).isEqualTo(polledFile.path("FileSize").asLong());
        assertThat(new String(Base64.getDecoder().decode(file.path("FileData").asText()), StandardCharsets.UTF_8))
                .isEqualTo(server.get(polledFile.path("Url").asText()).body());

        assertThat(origin.hits("/big.pdf")).isEqualTo(1);
        assertThat(KilnFacts.jobsEnded(server)).isEqualTo(endedBefore + 1);
        assertThat(json(server.get("/v1/jobs")).path("jobs")).hasSize(1);
    }

    @Test
    void aSyncCallThatOutwaitsTheServerIsATimeoutWhoseJobCanBeCollected() {
        try (TestServer impatient = TestServer.start("--allow-hosts", "127.0.0.1", "--max-wait", "1s")) {
            String jobId = UUID.randomUUID().toString();
            HttpResponse<String> r = impatient.send(impatient.request("/convert/pdf/to/txt?JobId=" + jobId + "&File="
                    + origin.url("/big.pdf")).POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(json(r).path("Code").asInt()).isEqualTo(5000);
            assertThat(r.headers().firstValue("Location")).hasValue("/job/" + jobId);
            origin.release();
            assertThat(SeedPolls.untilDone(impatient, jobId).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theJobIdMustBeAnRfc4122Uuid() {
        HttpResponse<String> r = server.send(server.request("/convert/pdf/to/txt?JobId=my-job-1&File="
                + origin.url("/big.pdf")).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("Code").asInt()).isEqualTo(4000);
        assertThat(json(r).path("InvalidParameters").path("JobId")).isNotEmpty();
        assertThat(origin.hits("/big.pdf")).isZero();
    }

    @Test
    void theSameJobIdWithADifferentRequestIsAConflict() {
        origin.release();
        String jobId = UUID.randomUUID().toString();
        String file = "&File=" + origin.url("/big.pdf");
        assertThat(post("/convert/pdf/to/txt?JobId=" + jobId + file).statusCode()).isEqualTo(200);
        HttpResponse<String> other = post("/convert/pdf/to/png?JobId=" + jobId + file);
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(json(other).path("Code").asInt()).isEqualTo(4090);
    }

    private HttpResponse<String> post(String path) {
        return server.send(server.request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }
}
