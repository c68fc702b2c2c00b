package io.kiln.dialect.pdfco;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.auth.ApiKeys;
import io.kiln.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seeds' {@code /v1/job/check} calls (001, 002), changed only in host and key. */
class JobCheckSeedTest {

    private static final String SEED_ID = "6YSZD3U872ZYYFEDMQCQSGEEO8YSF5WA--151-300";

    @TempDir
    static Path data;
    static TestServer server;
    static String key;

    @BeforeAll
    static void start() {
        key = ApiKeys.load(data.resolve("keys")).create("acme", OptionalLong.of(60227)).key();
        server = TestServer.startOn(data);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private HttpResponse<String> check(String contentType, String body, String apiKey) {
        HttpRequest.Builder b = server.request("/v1/job/check").POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (apiKey != null) {
            b.header("x-api-key", apiKey);
        }
        return server.send(b.build());
    }

    @Test
    void seed001CurlWithoutContentTypeAnswersWorkingForAnIdNeverSeen() {
        // curl --data-raw sends its default form type, though the body is JSON
        HttpResponse<String> r = check("application/x-www-form-urlencoded", "{\n\"jobid\": \"" + SEED_ID + "\"\n}", key);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.path("status").asText()).isEqualTo("working");
        assertThat(body.path("remainingCredits").asLong()).isEqualTo(60227);
    }

    @Test
    void seed002CurlWithJsonAndTheJobIdSpelling() {
        for (String field : new String[] {"jobid", "jobId"}) {
            HttpResponse<String> r = check("application/json", "{\"" + field + "\": \"" + SEED_ID + "\"}", key);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(json(r).path("status").asText()).isEqualTo("working");
            assertThat(json(r).path("remainingCredits").asLong()).isEqualTo(60227);
        }
    }

    @Test
    void seed002GetFormWithJobidInTheQuery() {
        HttpResponse<String> r = server.send(server.request("/v1/job/check?jobid=" + SEED_ID)
                .header("x-api-key", key).GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("status").asText()).isEqualTo("working");
    }

    @Test
    void forceMakesAnUnknownIdUnknown() {
        HttpResponse<String> r = check("application/json", "{\"jobId\": \"" + SEED_ID + "\", \"force\": true}", key);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("status").asText()).isEqualTo("unknown");
        HttpResponse<String> get = server.send(server.request("/v1/job/check?jobid=" + SEED_ID + "&force=true")
                .header("x-api-key", key).GET().build());
        assertThat(json(get).path("status").asText()).isEqualTo("unknown");
    }

    @Test
    void aMissingOrWrongKeyIs401AndAMissingIdIs400() {
        for (String bad : new String[] {null, "not-a-key"}) {
            HttpResponse<String> r = check("application/json", "{\"jobid\": \"" + SEED_ID + "\"}", bad);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(json(r).path("error").asBoolean()).isTrue();
            assertThat(json(r).path("status").asInt()).isEqualTo(401);
            assertThat(json(r).path("message").asText()).isNotBlank();
        }
        HttpResponse<String> noId = check("application/json", "{}", key);
        assertThat(noId.statusCode()).isEqualTo(400);
        assertThat(json(noId).path("error").asBoolean()).isTrue();
        assertThat(json(noId).path("message").asText()).contains("jobId");
        HttpResponse<String> notJson = check("application/json", "{\"jobid\": ", key);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).path("status").asInt()).isEqualTo(400);
    }
}
