package io.kiln.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.PrometheusText;
import io.kiln.testing.PrometheusText.Family;
import io.kiln.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /metrics} as Prometheus reads it: the text parses, and each family an operator charts is there. */
class MetricsTest {

    private static TestServer server;
    private static PrometheusText metrics;
    private static String jobId;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        jobId = server.convert(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                .field("to", "info")).path("id").asText();
        assertThat(server.get("/v1/jobs/" + jobId).statusCode()).isEqualTo(200);
        assertThat(server.get("/no/such/route/" + jobId).statusCode()).isEqualTo(404);
        metrics = PrometheusText.parse(server.get("/metrics").body());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Family family(String name) {
        return metrics.family(name).orElseThrow(() -> new AssertionError("no " + name + " in " + metrics.names()));
    }

    @Test
    void httpRequestsAreTimedByRouteTemplateMethodAndStatus() {
        Family http = family("http_server_requests_seconds");
        assertThat(http.type()).isEqualTo("histogram");
        assertThat(http.samples("http_server_requests_seconds_count",
                Map.of("route", "/v1/jobs/{id}", "method", "GET", "status", "200", "outcome", "success")))
                .singleElement().satisfies(s -> assertThat(s.value()).isGreaterThanOrEqualTo(1));
        assertThat(http.samples("http_server_requests_seconds_bucket", Map.of("route", "/v1/jobs/{id}")))
                .as("a duration histogram").hasSizeGreaterThan(5);
        // a path no route serves is counted under one name, not one series per probed URL
        assertThat(http.samples("http_server_requests_seconds_count", Map.of("route", "unmatched", "status", "404")))
                .hasSize(1);
        assertThat(http.samples().stream().map(s -> s.labels().get("route")))
                .noneMatch(r -> r != null && r.contains(jobId));
    }

    @Test
    void conversionsAreTimedByEngineOperationAndOutcome() {
        Family conversions = family("kiln_conversion_seconds");
        assertThat(conversions.samples("kiln_conversion_seconds_count",
                Map.of("engine", "pdf", "operation", "info", "outcome", "success")))
                .singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(1));
        assertThat(family("kiln_jobs_ended").samples("kiln_jobs_ended_total", Map.of("status", "success")))
                .singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(1));
    }

    @Test
    void theQueueShowsItsDepthAndTheAgeOfItsOldestJob() {
        assertThat(family("kiln_queue_depth").samples()).singleElement()
                .satisfies(s -> assertThat(s.value()).isZero());
        assertThat(family("kiln_queue_oldest_age_seconds").samples()).singleElement()
                .satisfies(s -> assertThat(s.value()).as("nothing waits").isZero());
    }

    @Test
    void theJvmTheProcessAndTheDatabasePoolAreThere() {
        assertThat(family("jvm_memory_used_bytes").samples()).isNotEmpty();
        assertThat(family("jvm_threads_live_threads").samples().getFirst().value()).isPositive();
        assertThat(family("process_cpu_usage").type()).isEqualTo("gauge");
        assertThat(family("process_uptime_seconds").samples().getFirst().value()).isPositive();
        assertThat(family("hikaricp_connections_active").samples("hikaricp_connections_active",
                Map.of("pool", "kiln-db"))).hasSize(1);
    }

    @Test
    void everyFamilyOfKilnAndHttpIsDocumented() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs", "operations.md"));
        assertThat(metrics.names().stream().filter(n -> n.startsWith("kiln_") || n.startsWith("http_"))
                .map(n -> n.replaceAll("_(max)$", "")).distinct())
                .isNotEmpty().allSatisfy(n -> assertThat(doc).as("docs/operations.md names " + n).contains("`" + n));
    }

    @Test
    void eachEnginePoolShowsItsSizeAndRestartsByReason() {
        assertThat(family("kiln_pool_size").samples("kiln_pool_size", Map.of("pool", "office"))).hasSize(1);
        assertThat(family("kiln_pool_restarts").samples("kiln_pool_restarts_total", Map.of("pool", "office")))
                .extracting(s -> s.labels().get("reason")).contains("crash", "max_tasks", "memory", "start_failed");
        assertThat(metrics.names()).contains("kiln_pool_busy", "kiln_pool_waiting", "kiln_pool_ready", "kiln_pool_warmup_seconds");
    }
}
