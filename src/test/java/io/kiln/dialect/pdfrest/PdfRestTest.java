package io.kiln.dialect.pdfrest;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.auth.ApiKeys;
import io.kiln.dialect.pdfco.CorpusOrigin;
import io.kiln.dialect.pdfco.Formats;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.Origin;
import io.kiln.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pdfRest seed (000): {@code POST /convert}, then {@code GET /request-status/{id}} until it is done. */
class PdfRestTest {

    @TempDir
    static Path data;
    static TestServer server;
    static CorpusOrigin origin;
    static String key;

    @BeforeAll
    static void start() {
        key = ApiKeys.load(data.resolve("keys")).create("acme").key();
        origin = new CorpusOrigin();
        server = TestServer.startOn(data, "--allow-hosts", "127.0.0.1", "--office-processes", "1");
    }

    @AfterAll
    static void stop() {
        server.close();
        origin.close();
    }

    private HttpResponse<String> convert(String json) {
        return server.send(server.request("/convert").header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> status(String id) {
        return server.send(server.request("/request-status/" + id).header("Authorization", "Bearer " + key)
                .GET().build());
    }

    /** Polls until the answer is no longer 202; the last answer. */
    private HttpResponse<String> pollUntilDone(String id) {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last.set(status(id));
            return last.get().statusCode() != 202;
        });
        return last.get();
    }

    private static byte[] download(String url) {
        HttpResponse<byte[]> r = server.sendForBytes(HttpRequest.newBuilder(URI.create(url)).GET().build());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }

    @Test
    void theSeedsFlowToDocx() throws Exception {
        assumeTrue(Formats.available(server, "pdf", "docx"), "pdf → docx is not available here");
        HttpResponse<String> started = convert("{\n\"source\": \"" + origin.url("pdf/pdflatex-4-pages.pdf")
                + "\",\n\"format\": \"docx\"\n}");
        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(json(started).path("status").asText()).isEqualTo("processing");
        HttpResponse<String> done = pollUntilDone(json(started).path("id").asText());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(json(done).path("status").asText()).isEqualTo("completed");
        byte[] docx = download(json(done).path("result").asText());
        assertThat(new String(docx, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("PK");
    }

    @Test
    void theCloudWordRouteAnswersADocxThatKeepsTheText() throws Exception {
        assumeTrue(Formats.available(server, "pdf", "docx"), "pdf → docx is not available here");
        Map<String, String> parts = officeParts("/word");
        assertThat(parts).as("a Word document").containsKey("word/document.xml");
        assertThat(parts.get("word/document.xml")).contains("Huardest").contains("alphabet");
    }

    @Test
    void theCloudPowerpointRouteAnswersASlideAPage() throws Exception {
        assumeTrue(Formats.available(server, "pdf", "pptx"), "pdf → pptx is not available here");
        Map<String, String> slides = new java.util.TreeMap<>(officeParts("/powerpoint"));
        slides.keySet().removeIf(name -> !name.matches("ppt/slides/slide\\d+\\.xml"));
        assertThat(slides).as("a slide per page").hasSize(4);
        assertThat(String.join(" ", slides.values())).contains("Huardest").contains("alphabet");
    }

    @Test
    void theCloudExcelRouteAnswersASheetAPage() throws Exception {
        HttpResponse<String> r = server.send(Multipart.form().file("file", io.kiln.testing.Corpus.file("pdf/pdflatex-4-pages.pdf"))
                .field("output", "tables").into(server.request("/excel").header("Api-Key", key)).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("outputUrl").asText()).contains("/resource/");
        io.kiln.testing.XlsxSheets book = io.kiln.testing.XlsxSheets.read(download(json(r).path("outputUrl").asText()));
        assertThat(book.names()).as("a sheet per page").containsExactly("Page 1", "Page 2", "Page 3", "Page 4");
        assertThat(book.text(1) + book.text(2)).contains("Huardest").contains("alphabet");
    }

    /** The 4-page corpus PDF through a Cloud route answering an Office file: its XML parts' text, by name. */
    private Map<String, String> officeParts(String route) throws IOException {
        HttpResponse<String> r = server.send(Multipart.form().file("file", io.kiln.testing.Corpus.file("pdf/pdflatex-4-pages.pdf"))
                .into(server.request(route).header("Api-Key", key)).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, String> parts = new java.util.HashMap<>();
        try (var zip = new java.util.zip.ZipInputStream(new ByteArrayInputStream(download(json(r).path("outputUrl").asText())))) {
            for (java.util.zip.ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().endsWith(".xml")) {
                    parts.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8).replaceAll("<[^>]+>", ""));
                }
            }
        }
        return parts;
    }

    @Test
    void theSeedsFlowIsProcessingThenCompletedWithAResultUrl() throws Exception {
        try (Origin held = new Origin().serveHeld("/cweb.pdf", Corpus.file("pdf/cweb.pdf"))) {
            HttpResponse<String> started = convert("{\"source\": \"" + held.url("/cweb.pdf")
                    + "\", \"format\": \"png\", \"pages\": \"1-6\"}");
            assertThat(started.statusCode()).isEqualTo(200);
            JsonNode body = json(started);
            assertThat(fieldNames(body)).containsExactly("id", "status");
            assertThat(body.path("status").asText()).isEqualTo("processing");
            String id = body.path("id").asText();
            assertThat(id).isNotBlank();

            HttpResponse<String> polled = status(id); // the source is still downloading
            assertThat(polled.statusCode()).isEqualTo(202);
            assertThat(fieldNames(json(polled))).containsExactly("id", "status");
            assertThat(json(polled).path("id").asText()).isEqualTo(id);
            assertThat(json(polled).path("status").asText()).isEqualTo("processing");

            held.release();
            HttpResponse<String> done = pollUntilDone(id);
            assertThat(done.statusCode()).isEqualTo(200);
            JsonNode result = json(done);
            assertThat(fieldNames(result)).startsWith("id", "status", "result");
            assertThat(result.path("id").asText()).isEqualTo(id);
            assertThat(result.path("status").asText()).isEqualTo("completed");
            assertThat(result.path("results")).hasSize(6);
            var image = ImageIO.read(new ByteArrayInputStream(download(result.path("result").asText())));
            assertThat(image).isNotNull();
        }
    }

    private static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aMultipartFileWithTheKeyInApiKey() throws Exception {
        HttpResponse<String> started = server.send(Multipart.form()
                .file("file", Corpus.file("pdf/pdflatex-4-pages.pdf")).field("format", "txt").field("output", "paper")
                .into(server.request("/convert")).header("Api-Key", key).build());
        assertThat(started.statusCode()).isEqualTo(200);
        String id = json(started).path("id").asText();
        HttpResponse<String> done = pollUntilDone(id);
        assertThat(done.statusCode()).isEqualTo(200);
        String url = json(done).path("result").asText();
        assertThat(url).contains("/paper.txt");
        String expected;
        try (PDDocument d = Loader.loadPDF(Corpus.file("pdf/pdflatex-4-pages.pdf").toFile())) {
            expected = new PDFTextStripper().getText(d);
        }
        assertThat(new String(download(url), StandardCharsets.UTF_8).strip()).isEqualTo(expected.strip());
        assertThat(server.send(server.request("/request-status/" + id).header("Api-Key", key).GET().build())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aResultPassedBackAsSourceIsResolvedInternally() throws Exception {
        String first = json(convert("{\"source\": \"" + origin.url("pdf/pdflatex-4-pages.pdf")
                + "\", \"format\": \"split\", \"pages\": \"2-3\"}")).path("id").asText();
        String part = json(pollUntilDone(first)).path("result").asText();
        int hits = origin.hits();
        String second = json(convert("{\"source\": \"" + part + "\", \"format\": \"txt\"}")).path("id").asText();
        HttpResponse<String> done = pollUntilDone(second);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(origin.hits()).isEqualTo(hits);
    }

    @Test
    void anEncryptedPdfFailsWith422AndTheReason() {
        String id = json(convert("{\"source\": \"" + origin.url("bad/PasswordSample-256bit.pdf")
                + "\", \"format\": \"txt\"}")).path("id").asText();
        HttpResponse<String> done = pollUntilDone(id);
        assertThat(done.statusCode()).isEqualTo(422);
        JsonNode body = json(done);
        assertThat(body.path("id").asText()).isEqualTo(id);
        assertThat(body.path("status").asText()).isEqualTo("failed");
        assertThat(body.path("error").asText()).containsIgnoringCase("password");
    }

    @Test
    void unknownIdsAre404AndBadCallsAreErrors() {
        HttpResponse<String> unknown = status("12345");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("error").asText()).isNotBlank();

        HttpResponse<String> noKey = server.send(server.request("/request-status/12345").GET().build());
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(json(noKey).path("error").asText()).isNotBlank();
        HttpResponse<String> wrongKey = server.send(server.request("/convert").header("Authorization", "Bearer nope")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"source\": \"x\", \"format\": \"pdf\"}")).build());
        assertThat(wrongKey.statusCode()).isEqualTo(401);

        for (String bad : new String[] {"{\"format\": \"pdf\"}", "{\"source\": \"" + origin.url("pdf/cweb.pdf") + "\"}",
                "{\"source\": \"http://169.254.169.254/a.pdf\", \"format\": \"pdf\"}", "not json"}) {
            HttpResponse<String> r = convert(bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(r).path("error").isTextual()).as(bad).isTrue();
        }
        // options are checked once the source's format is known: an unknown one fails the request, naming it
        String id = json(convert("{\"source\": \"" + origin.url("pdf/cweb.pdf")
                + "\", \"format\": \"txt\", \"colour\": \"red\"}")).path("id").asText();
        HttpResponse<String> failed = pollUntilDone(id);
        assertThat(failed.statusCode()).isEqualTo(422);
        assertThat(json(failed).path("error").asText()).contains("colour");
    }
}
