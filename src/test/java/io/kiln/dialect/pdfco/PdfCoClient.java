package io.kiln.dialect.pdfco;

import static io.kiln.testing.TestServer.json;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** Calls a Kiln server as a PDF.co client does: JSON bodies, the key in {@code x-api-key}. */
final class PdfCoClient {

    private final TestServer server;
    private final String key;

    PdfCoClient(TestServer server, String key) {
        this.server = server;
        this.key = key;
    }

    HttpResponse<String> post(String path, String json) {
        HttpRequest.Builder b = server.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return server.send((key == null ? b : b.header("x-api-key", key)).build());
    }

    /** A form post, as PDF.co's cURL and PHP samples send their parameters. */
    HttpResponse<String> postForm(String path, String name, String value) {
        String body = name + "=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest.Builder b = server.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return server.send((key == null ? b : b.header("x-api-key", key)).build());
    }

    /** Checks the job until it is no longer {@code working}; the last answer. */
    JsonNode checkUntilDone(String jobId) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> r = post("/v1/job/check", "{\"jobId\":\"" + jobId + "\"}");
            last.set(json(r));
            return r.statusCode() == 200 && !last.get().path("status").asText().equals("working");
        });
        return last.get();
    }

    byte[] download(String url) {
        HttpResponse<byte[]> r = server.sendForBytes(HttpRequest.newBuilder(java.net.URI.create(url)).GET().build());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + url + " → " + r.statusCode() + ": " + new String(r.body()));
        }
        return r.body();
    }
}
