package io.kiln.api;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The office engine through the API: warming in /ready, real conversions, and 501 when it is absent. */
class OfficeApiTest {

    @Test
    void officeDocumentsConvertOnceTheEngineHasWarmed() throws Exception {
        try (TestServer server = TestServer.start("--office-processes", "1")) {
            // the server answers at once, while the office process is still starting
            assertThat(server.get("/health").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(90)).until(() -> json(server.get("/ready"))
                    .path("engines").path("libreoffice").path("state").asText().equals("ready"));
            JsonNode formats = json(server.get("/v1/formats"));
            assertThat(formats.path("engines").path("libreoffice").path("state").asText()).isEqualTo("ready");

            HttpResponse<byte[]> pdf = server.sendForBytes(Multipart.form()
                    .file("file", Corpus.file("docx/testWORD_various.docx")).into(server.request("/v1/convert/pdf")).build());
            assertThat(pdf.statusCode()).isEqualTo(200);
            try (PDDocument d = Loader.loadPDF(pdf.body())) {
                assertThat(d.getNumberOfPages()).isPositive();
                assertThat(new PDFTextStripper().getText(d)).isNotBlank();
            }

            JsonNode job = server.convert(Multipart.form().file("file", Corpus.file("bad/encrypted-with-pwd_hello.odt"))
                    .field("to", "pdf"));
            assertThat(job.path("error").path("code").asText()).isEqualTo("password_required");
            JsonNode opened = server.convert(Multipart.form().file("file", Corpus.file("bad/encrypted-with-pwd_hello.odt"))
                    .field("to", "pdf").field("password", "hello"));
            assertThat(opened.path("status").asText()).isEqualTo("success");
            assertThat(opened.path("outputs").get(0).path("pageCount").asInt()).isPositive();
        }
    }

    @Test
    void withoutLibreOfficeOfficeConversionsAnswer501AndTheRestWorks() {
        try (TestServer server = TestServer.start("--office-processes", "1", "--office-home", "/nonexistent/libreoffice")) {
            assertThat(json(server.get("/ready")).path("engines").path("libreoffice").path("state").asText())
                    .isEqualTo("unavailable");
            assertThat(json(server.get("/v1/formats")).path("engines").path("libreoffice").path("state").asText())
                    .isEqualTo("unavailable");
            HttpResponse<String> r = server.postMultipart("/v1/jobs", Multipart.form()
                    .file("file", Corpus.file("docx/testWORD_various.docx")).field("to", "pdf"));
            assertThat(r.statusCode()).isEqualTo(501);
            assertThat(json(r).path("code").asText()).isEqualTo("engine_unavailable");
            assertThat(server.convert(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                    .field("to", "info")).path("status").asText()).isEqualTo("success");
        }
    }
}
