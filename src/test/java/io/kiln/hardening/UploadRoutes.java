package io.kiln.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An upload route of each dialect, with the request a client of that dialect sends to it and a check
 * that an answer is in that dialect's error shape: the scenarios that refuse uploads (malformed
 * requests, outages) try every one.
 */
final class UploadRoutes {

    private UploadRoutes() {
    }

    /**
     * @param valid the form a client sends with a PDF to extract text from (or to store)
     * @param shaped asserts an error answer is in this dialect's shape
     */
    record Route(String dialect, String path, Function<Path, Multipart> valid, Consumer<RawHttp.Answer> shaped) {
        @Override
        public String toString() {
            return dialect + " " + path;
        }
    }

    static List<Route> all() {
        return List.of(
                new Route("native", "/v1/jobs", pdf -> Multipart.form().file("file", pdf).field("to", "txt"), a -> {
                    assertThat(a.header("content-type")).startsWith("application/problem+json");
                    JsonNode body = json(a);
                    assertThat(body.path("code").asText()).isNotBlank();
                    assertThat(body.path("status").asInt()).isEqualTo(a.status());
                }),
                new Route("ConvertAPI", "/upload", pdf -> Multipart.form().file("file", pdf), a -> {
                    assertThat(a.header("content-type")).startsWith("application/json");
                    JsonNode body = json(a);
                    assertThat(body.path("Code").isInt()).as(a.body()).isTrue();
                    assertThat(body.path("Code").asInt() / 10).isEqualTo(a.status());
                    assertThat(body.path("Message").asText()).isNotBlank();
                }),
                new Route("ConvertAPI", "/convert/pdf/to/txt", pdf -> Multipart.form().file("File", pdf), a -> {
                    JsonNode body = json(a);
                    assertThat(body.path("Code").asInt() / 10).as(a.body()).isEqualTo(a.status());
                    assertThat(body.path("Message").asText()).isNotBlank();
                }),
                new Route("PDF.co", "/v1/file/upload", pdf -> Multipart.form().file("file", pdf), a -> {
                    assertThat(a.header("content-type")).startsWith("application/json");
                    JsonNode body = json(a);
                    assertThat(body.path("error").asBoolean()).as(a.body()).isTrue();
                    assertThat(body.path("status").asInt()).isEqualTo(a.status());
                    assertThat(body.path("message").asText()).isNotBlank();
                }),
                new Route("pdfRest", "/convert", pdf -> Multipart.form().file("file", pdf).field("format", "txt"), a -> {
                    assertThat(a.header("content-type")).startsWith("application/json");
                    assertThat(json(a).path("error").asText()).as(a.body()).isNotBlank();
                }));
    }

    /** The check that an answer is in {@code dialect}'s error shape: the one its first upload route uses. */
    static Consumer<RawHttp.Answer> shapeOf(String dialect) {
        return all().stream().filter(r -> r.dialect().equals(dialect)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no dialect " + dialect)).shaped();
    }

    /**
     * A corpus PDF larger than the blobs the database keeps inline (256 KiB), so that storing it
     * reaches the file system or S3, and small enough to send quickly.
     */
    static Path largePdf() {
        try (var files = java.nio.file.Files.list(io.kiln.testing.Corpus.root().resolve("pdf"))) {
            return files.filter(f -> f.toString().endsWith(".pdf")).filter(f -> size(f) > 300_000 && size(f) < 2_000_000)
                    .sorted().findFirst().orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long size(Path f) {
        try {
            return java.nio.file.Files.size(f);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    static JsonNode json(RawHttp.Answer a) {
        try {
            return TestServer.JSON.readTree(a.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + a.body(), e);
        }
    }
}
