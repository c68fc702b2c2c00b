package io.kiln.dialect.pdfco;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.auth.ApiKeys;
import io.kiln.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PDF.co's 403 (not enough credits) and 405 (a sync call out of time, whose job goes on). */
class CreditsAndTimeoutTest {

    @Test
    void aKeyOutOfCreditsIs403(@TempDir Path data) {
        String key = ApiKeys.load(data.resolve("keys")).create("acme", OptionalLong.of(1)).key();
        try (CorpusOrigin origin = new CorpusOrigin();
             TestServer server = TestServer.startOn(data, "--allow-hosts", "127.0.0.1")) {
            PdfCoClient client = new PdfCoClient(server, key);
            String body = "{\"url\": \"" + origin.url("pdf/minimal-document.pdf") + "\"}";
            JsonNode first = json(client.post("/v1/pdf/info", body));
            assertThat(first.path("error").asBoolean()).isFalse();
            assertThat(first.path("remainingCredits").asLong()).isZero();

            HttpResponse<String> refused = client.post("/v1/pdf/info", body);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(json(refused).path("error").asBoolean()).isTrue();
            assertThat(json(refused).path("status").asInt()).isEqualTo(403);
            assertThat(json(refused).path("message").asText()).contains("credits");
        }
    }

    @Test
    void aSyncCallOutOfTimeIs405AndItsJobEndsInTheJobCheck(@TempDir Path data) {
        String key = ApiKeys.load(data.resolve("keys")).create("acme").key();
        try (CorpusOrigin origin = new CorpusOrigin();
             TestServer server = TestServer.startOn(data, "--allow-hosts", "127.0.0.1", "--max-wait", "200ms")) {
            PdfCoClient client = new PdfCoClient(server, key);
            HttpResponse<String> r = client.post("/v1/pdf/convert/to/png",
                    "{\"url\": \"" + origin.url("pdf/cweb.pdf") + "\", \"pages\": \"0-9\"}");
            assertThat(r.statusCode()).isEqualTo(405);
            JsonNode body = json(r);
            assertThat(body.path("error").asBoolean()).isTrue();
            assertThat(body.path("status").asInt()).isEqualTo(405);
            assertThat(body.path("message").asText()).startsWith("Timeout error");

            JsonNode done = client.checkUntilDone(body.path("jobId").asText());
            assertThat(done.path("status").asText()).isEqualTo("success");
            assertThat(done.path("pageCount").asInt()).isEqualTo(10);
            assertThat(done.path("remainingCredits").asLong()).isEqualTo(Integer.MAX_VALUE); // a key without a limit
        }
    }
}
