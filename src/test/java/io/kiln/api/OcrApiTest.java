package io.kiln.api;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Multipart;
import io.kiln.testing.ScannedPage;
import io.kiln.testing.TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OCR through the API and PDF.co: a scanned page (an image, no text) gives its words back. */
class OcrApiTest {

    private static final boolean TESSERACT = Files.isExecutable(Path.of("/usr/bin/tesseract"));
    private static final String TEXT = "The quick brown fox jumps over the lazy dog while seven kilns fire porcelain";

    @Test
    void aScannedPdfBecomesSearchableAndText() throws Exception {
        assumeThat(TESSERACT).as("tesseract installed").isTrue();
        byte[] scan = scannedPdf();
        try (TestServer server = TestServer.start()) {
            JsonNode ocr = json(server.get("/v1/formats")).path("engines").path("ocr");
            assertThat(ocr.path("state").asText()).isEqualTo("ready");
            assertThat(ocr.path("languages").asText()).contains("eng");

            JsonNode searchable = server.convert(Multipart.form().bytes("file", "scan.pdf", scan).field("to", "ocr"));
            assertThat(searchable.path("status").asText()).as(searchable.toString()).isEqualTo("success");
            assertThat(searchable.path("outputs").get(0).path("ext").asText()).isEqualTo("pdf");
            try (PDDocument pdf = Loader.loadPDF(server.getBytes(searchable.path("outputs").get(0).path("url").asText()).body())) {
                assertThat(pdf.getNumberOfPages()).isEqualTo(1);
                assertThat(wordsFound(new PDFTextStripper().getText(pdf))).isGreaterThanOrEqualTo(0.95);
            }

            JsonNode text = server.convert(Multipart.form().bytes("file", "scan.pdf", scan).field("to", "ocr-txt")
                    .field("lang", "eng"));
            assertThat(text.path("status").asText()).as(text.toString()).isEqualTo("success");
            String got = new String(server.getBytes(text.path("outputs").get(0).path("url").asText()).body(),
                    StandardCharsets.UTF_8);
            assertThat(wordsFound(got)).isGreaterThanOrEqualTo(0.95);

            HttpResponse<String> unknown = server.postMultipart("/v1/jobs", Multipart.form()
                    .bytes("file", "scan.pdf", scan).field("to", "ocr").field("lang", "klingon"));
            assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
            assertThat(json(unknown).path("code").asText()).isEqualTo("invalid_option");
        }
    }

    @Test
    void aPdfCoClientMakesAScanSearchable() throws Exception {
        assumeThat(TESSERACT).as("tesseract installed").isTrue();
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> upload = server.postMultipart("/v1/file/upload",
                    Multipart.form().bytes("file", "scan.pdf", scannedPdf()));
            String url = json(upload).path("url").asText();
            HttpResponse<String> r = server.postJson("/v1/pdf/makesearchable",
                    "{\"url\":\"" + url + "\",\"lang\":\"eng\",\"async\":false}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            try (PDDocument pdf = Loader.loadPDF(server.getBytes(json(r).path("url").asText()).body())) {
                assertThat(wordsFound(new PDFTextStripper().getText(pdf))).isGreaterThanOrEqualTo(0.95);
            }
        }
    }

    @Test
    void aPdfWithAScannedPageGivesAllItsTextWithOcrAuto(@TempDir Path work) throws Exception {
        assumeThat(TESSERACT).as("tesseract installed").isTrue();
        Path mixed = ScannedPage.typedThenScanned(work.resolve("mixed.pdf"));
        String typed = ScannedPage.typedText();
        try (TestServer server = TestServer.start()) {
            JsonNode txt = StreamSupport.stream(json(server.get("/v1/formats")).path("formats").spliterator(), false)
                    .filter(f -> f.path("from").asText().equals("pdf") && f.path("to").asText().equals("txt"))
                    .findFirst().orElseThrow();
            assertThat(txt.path("engine").asText()).isEqualTo("pdf");
            JsonNode ocr = StreamSupport.stream(txt.path("options").spliterator(), false)
                    .filter(o -> o.path("name").asText().equals("ocr")).findFirst().orElseThrow();
            assertThat(ocr.path("values").toString()).isEqualTo("[\"never\",\"auto\",\"always\"]");
            assertThat(txt.path("options").toString()).contains("\"lang\"", "\"dpi\"", "\"psm\"");

            String auto = convertedText(server, Multipart.form().file("file", mixed).field("to", "txt")
                    .field("ocr", "auto").field("lang", "eng"));
            assertThat(auto).startsWith(typed);
            String scanned = auto.substring(typed.length()).toLowerCase(Locale.ROOT);
            assertThat(ScannedPage.SCANNED_WORDS).allSatisfy(w -> assertThat(scanned).contains(w));

            String never = convertedText(server, Multipart.form().file("file", mixed).field("to", "txt"));
            assertThat(never).startsWith(typed);
            assertThat(never.substring(typed.length())).isBlank();

            Path typedOnly = io.kiln.testing.Corpus.file(ScannedPage.TYPED);
            assertThat(convertedText(server, Multipart.form().file("file", typedOnly).field("to", "txt")
                    .field("ocr", "auto"))).isEqualTo(convertedText(server, Multipart.form().file("file", typedOnly)
                    .field("to", "txt")));

            HttpResponse<String> invalid = server.postMultipart("/v1/jobs", Multipart.form()
                    .file("file", mixed).field("to", "txt").field("ocr", "sometimes"));
            assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);
            assertThat(json(invalid).path("code").asText()).isEqualTo("invalid_option");
            assertThat(json(invalid).toString()).contains("ocr must be one of never, auto, always");
        }
    }

    private static String convertedText(TestServer server, Multipart form) {
        JsonNode job = server.convert(form);
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("success");
        return new String(server.getBytes(job.path("outputs").get(0).path("url").asText()).body(),
                StandardCharsets.UTF_8);
    }

    /** The share of TEXT's words that the OCR gave back. */
    private static double wordsFound(String ocr) {
        List<String> got = Arrays.asList(ocr.toLowerCase(Locale.ROOT).split("\\W+"));
        String[] want = TEXT.toLowerCase(Locale.ROOT).split(" ");
        return Arrays.stream(want).filter(got::contains).count() / (double) want.length;
    }

    /** One A4 page of TEXT rendered at 200 dpi and stored as an image only: what a scanner makes. */
    private static byte[] scannedPdf() throws Exception {
        BufferedImage page;
        try (PDDocument typed = new PDDocument()) {
            PDPage p = new PDPage(PDRectangle.A4);
            typed.addPage(p);
            try (PDPageContentStream s = new PDPageContentStream(typed, p)) {
                s.beginText();
                s.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                s.newLineAtOffset(60, 700);
                s.showText(TEXT);
                s.endText();
            }
            page = new PDFRenderer(typed).renderImageWithDPI(0, 200);
        }
        try (PDDocument scan = new PDDocument()) {
            PDPage p = new PDPage(PDRectangle.A4);
            scan.addPage(p);
            try (PDPageContentStream s = new PDPageContentStream(scan, p)) {
                s.drawImage(LosslessFactory.createFromImage(scan, page), 0, 0, PDRectangle.A4.getWidth(),
                        PDRectangle.A4.getHeight());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            scan.save(out);
            return out.toByteArray();
        }
    }
}
