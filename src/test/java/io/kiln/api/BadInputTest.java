package io.kiln.api;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every PDF and image in corpus/bad gives a clear failed job or a 4xx, and the server keeps serving. */
class BadInputTest {

    /** Codes that describe the document, as opposed to a server fault. */
    private static final Set<String> DOCUMENT_CODES = Set.of("corrupt_document", "password_required",
            "password_incorrect", "unsupported_format", "too_many_pages", "unsupported_conversion");

    private static TestServer server;

    @BeforeAll
    static void start() {
        // every engine on, as a user runs it: a file whose content is text goes to the office engine
        server = TestServer.start("--office-processes", "1");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90)).until(() -> json(server.get("/ready"))
                .path("engines").path("libreoffice").path("state").asText().equals("ready"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Path> badPdfsAndImages() throws IOException {
        List<String> kinds = List.of(".pdf", ".png", ".jpg", ".gif", ".tif", ".tiff", ".bmp", ".webp");
        try (Stream<Path> files = Files.list(Corpus.root().resolve("bad"))) {
            return files.filter(f -> kinds.stream().anyMatch(k -> f.toString().endsWith(k))).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("badPdfsAndImages")
    void aBadFileGivesAClearFailureOrA4xxAndTheServerCarriesOn(Path file) {
        for (String to : List.of("txt", "info", "pdf")) {
            HttpResponse<String> created = server.postMultipart("/v1/jobs", Multipart.form().file("file", file)
                    .field("to", to));
            JsonNode body = json(created);
            if (created.statusCode() >= 400) {
                assertThat(created.statusCode()).as(file + " → " + to).isBetween(400, 499);
                assertThat(created.headers().firstValue("Content-Type")).hasValue(Problems.CONTENT_TYPE);
                assertThat(body.path("code").asText()).as(file + " → " + to).isIn(DOCUMENT_CODES);
                assertThat(body.path("detail").asText()).isNotBlank();
                continue;
            }
            JsonNode job = server.awaitEnd(body.path("id").asText());
            if (job.path("status").asText().equals("failed")) {
                assertThat(job.path("error").path("code").asText()).as(file + " → " + to).isIn(DOCUMENT_CODES);
                assertThat(job.path("error").path("message").asText()).doesNotContain("Exception").isNotBlank();
            } else {
                assertThat(job.path("status").asText()).as(file + " → " + to).isEqualTo("success");
                assertThat(job.path("outputs").size()).isPositive();
            }
        }
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void encryptedPdfsAskForTheirPassword() {
        Path file = Corpus.file("bad/libreoffice-writer-password.pdf");
        JsonNode none = server.convert(Multipart.form().file("file", file).field("to", "txt"));
        assertThat(none.path("error").path("code").asText()).isEqualTo("password_required");
        JsonNode wrong = server.convert(Multipart.form().file("file", file).field("to", "txt").field("password", "nope"));
        assertThat(wrong.path("error").path("code").asText()).isEqualTo("password_incorrect");
        JsonNode right = server.convert(Multipart.form().file("file", file).field("to", "decrypt")
                .field("password", "openpassword"));
        assertThat(right.path("status").asText()).isEqualTo("success");
        HttpResponse<String> sync = server.postMultipart("/v1/convert/txt", Multipart.form().file("file", file));
        assertThat(sync.statusCode()).isEqualTo(422);
        assertThat(json(sync).path("code").asText()).isEqualTo("password_required");
    }

    @Test
    void aFileWhoseExtensionLiesIsConvertedByWhatItIsOrRefusedWith422() throws Exception {
        HttpResponse<byte[]> pdf = server.sendForBytes(Multipart.form().file("file", Corpus.file("bad/jpeg-named-as.pdf"))
                .into(server.request("/v1/convert/pdf")).build());
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (PDDocument d = Loader.loadPDF(pdf.body())) {
            assertThat(d.getNumberOfPages()).isEqualTo(1);
        }
        HttpResponse<String> refused = server.postMultipart("/v1/jobs", Multipart.form()
                .file("file", Corpus.file("bad/jpeg-named-as.pdf")).field("to", "split"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(json(refused).path("code").asText()).isEqualTo("unsupported_format");
        assertThat(json(refused).path("detail").asText()).contains("jpg");

        JsonNode fromDocx = server.convert(Multipart.form().file("file", Corpus.file("bad/pdf-named-as.docx"))
                .field("to", "txt"));
        assertThat(fromDocx.path("status").asText()).isEqualTo("success");
        assertThat(fromDocx.path("from").asText()).isEqualTo("pdf");
    }
}
