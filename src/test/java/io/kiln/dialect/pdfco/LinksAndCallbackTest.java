package io.kiln.dialect.pdfco;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.job.Job;
import com.sun.net.httpserver.HttpServer;
import io.kiln.testing.TestServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code expiration} bounds the output links; an expired job is an id never seen; {@code callback} is the webhook. */
class LinksAndCallbackTest {

    @Test
    void linksLiveExpirationMinutesAndAnExpiredJobIsNeverSeen() {
        try (CorpusOrigin origin = new CorpusOrigin();
             TestServer server = TestServer.start("--allow-hosts", "127.0.0.1", "--job-ttl", "2h")) {
            PdfCoClient client = new PdfCoClient(server, null);
            String url = origin.url("pdf/minimal-document.pdf");
            JsonNode sync = json(client.post("/v1/pdf/convert/to/text",
                    "{\"url\": \"" + url + "\", \"expiration\": 5}"));
            assertThat(Instant.parse(sync.path("outputLinkValidTill").asText()))
                    .isEqualTo(server.clock().instant().plus(Duration.ofMinutes(5)));
            JsonNode async = json(client.post("/v1/pdf/convert/to/text",
                    "{\"url\": \"" + url + "\", \"expiration\": 5, \"async\": true}"));
            String jobId = async.path("jobId").asText();
            assertThat(client.checkUntilDone(jobId).path("status").asText()).isEqualTo("success");
            assertThat(status(server, sync.path("url").asText())).isEqualTo(200);
            assertThat(status(server, async.path("url").asText())).isEqualTo(200);

            server.clock().advance(Duration.ofMinutes(6));
            assertThat(status(server, sync.path("url").asText())).isEqualTo(404);
            assertThat(status(server, async.path("url").asText())).isEqualTo(404);
            JsonNode check = client.checkUntilDone(jobId);
            assertThat(status(server, check.path("url").asText())).isEqualTo(200); // a fresh link

            server.clock().advance(Duration.ofHours(2));
            server.kiln().sweeper().sweepOnce();
            HttpResponse<String> gone = client.post("/v1/job/check", "{\"jobId\": \"" + jobId + "\"}");
            assertThat(json(gone).path("status").asText()).isEqualTo("working");
            HttpResponse<String> forced = client.post("/v1/job/check", "{\"jobId\": \"" + jobId + "\", \"force\": true}");
            assertThat(json(forced).path("status").asText()).isEqualTo("unknown");
        }
    }

    @Test
    void callbackBecomesTheJobsWebhook() {
        try (CorpusOrigin origin = new CorpusOrigin();
             TestServer server = TestServer.start("--allow-hosts", "127.0.0.1")) {
            PdfCoClient client = new PdfCoClient(server, null);
            String hook = origin.url("hook");
            JsonNode async = json(client.post("/v1/pdf/info", "{\"url\": \"" + origin.url("pdf/minimal-document.pdf")
                    + "\", \"async\": true, \"callback\": \"" + hook + "\"}"));
            Job job = server.kiln().jobs().find("public", async.path("jobId").asText()).orElseThrow();
            assertThat(job.webhook()).isEqualTo(hook);
            assertThat(job.dialect()).isEqualTo("pdfco");

            HttpResponse<String> refused = client.post("/v1/pdf/info", "{\"url\": \""
                    + origin.url("pdf/minimal-document.pdf") + "\", \"callback\": \"http://169.254.169.254/hook\"}");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(json(refused).path("error").asBoolean()).isTrue();
        }
    }

    @Test
    void theCallbackReceivesTheJobCheckJsonWhenTheJobEnds() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                received.add(exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        try (CorpusOrigin origin = new CorpusOrigin();
             TestServer server = TestServer.start("--allow-hosts", "127.0.0.1")) {
            PdfCoClient client = new PdfCoClient(server, null);
            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            JsonNode async = json(client.post("/v1/pdf/split", "{\"url\": \"" + origin.url("pdf/pdflatex-4-pages.pdf")
                    + "\", \"async\": true, \"callback\": \"" + hook + "\"}"));
            String call = received.poll(30, TimeUnit.SECONDS);
            assertThat(call).isNotNull().startsWith("POST ");
            JsonNode body = TestServer.JSON.readTree(call.substring(5));
            assertThat(body.path("status").asText()).isEqualTo("success");
            assertThat(body.path("jobId").asText()).isEqualTo(async.path("jobId").asText());
            assertThat(body.path("pageCount").asInt()).isEqualTo(4);
            assertThat(TestServer.JSON.readTree(client.download(body.path("url").asText()))).hasSize(4);
        } finally {
            receiver.stop(0);
        }
    }

    private static int status(TestServer server, String url) {
        return server.sendForBytes(HttpRequest.newBuilder(URI.create(url)).GET().build()).statusCode();
    }
}
