package io.kiln.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server process with {@code --log-format json}, read as a log collector would: every line is
 * a JSON object; each request leaves one access line with its route, status, bytes, duration, tenant
 * and request id; the request id is the client's when it sent a usable one, is echoed, and is in the
 * lines logged while serving it; job lines carry the job id.
 */
class RequestLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @TempDir
    static Path data;
    private static ServerProcess server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = ServerProcess.start(data, "--log-format", "json");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(server.base() + path));
    }

    /** Every line of the server's log, each parsed as the JSON object it must be. */
    private static List<JsonNode> lines() {
        List<JsonNode> out = new ArrayList<>();
        for (String line : server.log().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new AssertionError("a log line that is not JSON: " + line, e);
            }
        }
        return out;
    }

    /** logback's JSON encoder writes key-value pairs as a list of one-member objects. */
    private static Map<String, String> fields(JsonNode line) {
        Map<String, String> out = new LinkedHashMap<>();
        line.path("kvpList").forEach(kv -> kv.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText())));
        return out;
    }

    private static List<Map<String, String>> accessLinesWith(String requestId) {
        return lines().stream().filter(l -> l.path("loggerName").asText().equals("kiln.access"))
                .map(RequestLogTest::fields).filter(f -> requestId.equals(f.get("requestId"))).toList();
    }

    @Test
    void aRequestIdTheClientSentIsKeptEchoedAndLoggedWithTheRequestAndItsJob() throws Exception {
        Multipart form = Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf")).field("to", "info");
        HttpResponse<String> submitted = send(form.into(HttpRequest.newBuilder(URI.create(server.base() + "/v1/jobs")))
                .header("Prefer", "wait=30").header("X-Request-Id", "client-req-42"));
        assertThat(submitted.statusCode()).isEqualTo(200);
        assertThat(submitted.headers().firstValue("X-Request-Id")).hasValue("client-req-42");
        String jobId = JSON.readTree(submitted.body()).path("id").asText();

        await().atMost(Duration.ofSeconds(10)).until(() -> !accessLinesWith("client-req-42").isEmpty());
        Map<String, String> access = accessLinesWith("client-req-42").getFirst();
        assertThat(access).containsEntry("method", "POST").containsEntry("route", "/v1/jobs")
                .containsEntry("path", "/v1/jobs").containsEntry("status", "200")
                .containsEntry("tenant", "public").containsKeys("bytes", "durationMs");
        assertThat(Long.parseLong(access.get("bytes"))).isEqualTo(submitted.body().getBytes().length);

        List<JsonNode> all = lines();
        assertThat(all).as("the job's acceptance is logged with the request's id and the job's")
                .anySatisfy(l -> {
                    assertThat(l.path("loggerName").asText()).isEqualTo("kiln.jobs");
                    assertThat(l.path("mdc").path("requestId").asText()).isEqualTo("client-req-42");
                    assertThat(fields(l)).containsEntry("jobId", jobId);
                });
        assertThat(all).as("the worker's lines carry the job id and the id of the request that made the job")
                .anySatisfy(l -> {
                    assertThat(l.path("mdc").path("jobId").asText()).isEqualTo(jobId);
                    assertThat(l.path("mdc").path("requestId").asText()).isEqualTo("client-req-42");
                    assertThat(l.path("formattedMessage").asText()).contains("success");
                });
        assertThat(all).allSatisfy(l -> assertThat(l.path("level").asText()).isNotEmpty());
    }

    @Test
    void withoutAUsableIdTheServerMakesOneAndRoutesAreLoggedAsTemplates() throws Exception {
        HttpResponse<String> none = send(get("/v1/jobs/no-such-job"));
        assertThat(none.statusCode()).isEqualTo(404);
        String made = none.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(made).matches(UUID);

        // not a token (a space, and too long): replaced, never written into a log line as sent
        HttpResponse<String> odd = send(get("/health").header("X-Request-Id", "two words " + "x".repeat(200)));
        assertThat(odd.headers().firstValue("X-Request-Id").orElseThrow()).matches(UUID);

        HttpResponse<String> unrouted = send(get("/nowhere/at/all"));
        assertThat(unrouted.statusCode()).isEqualTo(404);
        String unroutedId = unrouted.headers().firstValue("X-Request-Id").orElseThrow();

        await().atMost(Duration.ofSeconds(10)).until(() -> !accessLinesWith(unroutedId).isEmpty());
        assertThat(accessLinesWith(made)).singleElement().satisfies(f -> assertThat(f)
                .containsEntry("route", "/v1/jobs/{id}").containsEntry("path", "/v1/jobs/no-such-job")
                .containsEntry("status", "404"));
        assertThat(accessLinesWith(unroutedId)).singleElement().satisfies(f -> assertThat(f)
                .containsEntry("route", "unmatched").containsEntry("status", "404"));
    }
}
