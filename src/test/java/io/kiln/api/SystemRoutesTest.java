package io.kiln.api;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Health, readiness, metrics, the formats table and the API description. */
class SystemRoutesTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthAndReadinessReportTheStoreAndEachEngine() {
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
        JsonNode ready = json(server.get("/ready"));
        assertThat(ready.path("store").asText()).isEqualTo("up");
        assertThat(ready.path("engines").path("pdf").path("state").asText()).isEqualTo("ready");
        assertThat(ready.path("engines").path("image").path("state").asText()).isEqualTo("ready");
        assertThat(ready.path("engines").path("pdf").path("ghostscript").asText()).as("pdfa's font pass")
                .matches("\\d+\\.\\d+.*");
    }

    @Test
    void readyIs503WhileAnEnabledEngineWarmsAndNamesEachComponent() {
        try (TestServer warming = TestServer.start("--office-processes", "1")) {
            // Kiln.start returns once HTTP listens; LibreOffice takes seconds more to start
            var first = warming.get("/ready");
            JsonNode body = json(first);
            assertThat(body.path("engines").path("libreoffice").path("state").asText()).isEqualTo("warming");
            assertThat(first.statusCode()).isEqualTo(503);
            assertThat(body.path("status").asText()).isEqualTo("warming");
            assertThat(body.path("components").path("database").asText()).isEqualTo("up");
            assertThat(body.path("components").path("storage").asText()).isIn("local", "up");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120))
                    .until(() -> warming.get("/ready").statusCode() == 200);
            assertThat(json(warming.get("/ready")).path("status").asText()).isEqualTo("ready");
        }
    }

    @Test
    void formatsListEveryPairWithEngineAndOptions() {
        JsonNode formats = json(server.get("/v1/formats")).path("formats");
        List<String> pairs = new ArrayList<>();
        formats.forEach(f -> pairs.add(f.path("from").asText() + "->" + f.path("to").asText() + ":" + f.path("engine").asText()));
        assertThat(pairs).contains("pdf->txt:pdf", "pdf->png:pdf", "pdf->jpg:pdf", "pdf->tiff:pdf", "pdf->merge:pdf",
                "pdf->split:pdf", "pdf->info:pdf", "pdf->rotate:pdf", "pdf->encrypt:pdf", "pdf->decrypt:pdf",
                "png->pdf:image", "jpg->pdf:image", "gif->pdf:image", "bmp->pdf:image", "tiff->pdf:image",
                "webp->pdf:image", "webp->png:image", "png->jpg:image", "tiff->png:image");
        JsonNode png = formats.findParents("from").stream()
                .filter(f -> f.path("from").asText().equals("pdf") && f.path("to").asText().equals("png"))
                .findFirst().orElseThrow();
        assertThat(png.path("options").findValuesAsText("name")).contains("dpi", "pages", "password", "name", "timeout");
    }

    @Test
    void metricsExposeJobsQueueAndConversionTimePerEngine() {
        server.convert(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf")).field("to", "info"));
        String metrics = server.get("/metrics").body();
        assertThat(metrics).contains("kiln_jobs{status=\"success\"}", "kiln_queue_depth",
                "kiln_conversion_seconds_count{engine=\"pdf\",operation=\"info\",outcome=\"success\"}", "kiln_jobs_ended_total{status=\"success\"}");
    }

    @Test
    void theApiIsDescribedAndBrowsable() {
        JsonNode api = json(server.get("/openapi.json"));
        assertThat(api.path("openapi").asText()).startsWith("3.");
        List<String> paths = new ArrayList<>();
        api.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains("/v1/jobs", "/v1/jobs/{id}", "/v1/jobs/{id}/cancel", "/v1/jobs/{id}/output", "/v1/convert/{to}",
                "/v1/files", "/v1/files/{id}/{name}", "/v1/formats", "/health", "/ready", "/metrics");
        String docs = server.get("/docs").body();
        assertThat(docs).contains("<html", "/v1/jobs/{id}", "long-poll");
    }
}
