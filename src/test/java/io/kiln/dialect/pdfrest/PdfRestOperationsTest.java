package io.kiln.dialect.pdfrest;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.auth.ApiKeys;
import io.kiln.testing.Corpus;
import io.kiln.testing.ImagePdfs;
import io.kiln.testing.Multipart;
import io.kiln.testing.PageChanges;
import io.kiln.testing.Poppler;
import io.kiln.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pdfRest's Cloud routes called as its samples call them (datalogics/pdf-rest-api-samples, cURL
 * "Endpoint Examples": multipart {@code file}, or JSON {@code {"id"}} after {@code /upload}), each result
 * downloaded from {@code outputUrl} and checked with poppler and qpdf.
 */
class PdfRestOperationsTest {

    private static final Path FOUR_PAGES = Corpus.file("pdf/pdflatex-4-pages.pdf");

    @TempDir
    static Path data;
    @TempDir
    static Path out;
    static TestServer server;
    static String key;

    @BeforeAll
    static void start() {
        key = ApiKeys.load(data.resolve("keys")).create("acme").key();
        // ConvertAPI also has a POST /upload: moved away, pdfRest's is at the root as in its samples
        server = TestServer.startOn(data, "--convertapi-prefix", "/convertapi");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> post(String route, Multipart form) {
        return server.send(form.into(server.request(route).header("Api-Key", key)).build());
    }

    private static HttpResponse<String> postJson(String route, String body) {
        return server.send(server.request(route).header("Api-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonNode ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    /** Downloads a URL as a client would, without its key. */
    private static Path download(String url, String name) throws IOException {
        HttpResponse<byte[]> r = server.sendForBytes(HttpRequest.newBuilder(URI.create(url)).GET().build());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        Path p = out.resolve(name);
        Files.write(p, r.body());
        return p;
    }

    @Test
    void watermarkedPdfDrawsTheTextOnTheChosenPagesAndListsTheInput() throws Exception {
        JsonNode r = ok(post("/watermarked-pdf", Multipart.form().file("file", FOUR_PAGES)
                .field("watermark_text", "KILNCONFIDENTIAL").field("text_size", "30")
                .field("text_color_rgb", "255,0,0").field("opacity", "0.8")
                .field("vertical_alignment", "top").field("horizontal_alignment", "left").field("pages", "2-last")));
        assertThat(r.path("inputId").isArray()).as("samples read inputId[0]").isTrue();
        assertThat(r.path("outputUrl").asText()).contains("/resource/" + r.path("outputId").asText() + "?format=file");
        Path pdf = download(r.path("outputUrl").asText(), "watermarked.pdf");
        assertThat(Poppler.info(pdf, "Pages")).isEqualTo("4");
        assertThat(Poppler.drawnText(pdf, 1)).doesNotContain("KILNCONFIDENTIAL");
        for (int page = 2; page <= 4; page++) {
            assertThat(Poppler.drawnText(pdf, page)).as("page " + page).contains("KILNCONFIDENTIAL");
        }
    }

    @Test
    void watermarkRotationDefaultsToPdfRestsZeroSoTheTextReadsAcross() throws Exception {
        JsonNode r = ok(post("/watermarked-pdf", Multipart.form().file("file", FOUR_PAGES)
                .field("watermark_text", "LEVEL WORDS")));
        Path pdf = download(r.path("outputUrl").asText(), "level.pdf");
        // level text comes out of pdftotext as one run; Kiln's own 45° default would not
        assertThat(Poppler.pageText(pdf, 1)).contains("LEVEL WORDS");
    }

    @Test
    void anImageWatermarkFromWatermarkFileIsOnTheChosenPagesAndBothInputsAreListed() throws Exception {
        JsonNode r = ok(post("/watermarked-pdf", Multipart.form().file("file", FOUR_PAGES)
                .file("watermark_file", Corpus.file("images/nature1.png")).field("pages", "1-2").field("opacity", "1")));
        assertThat(r.path("inputId")).as("the document, then the image").hasSize(2);
        Path pdf = download(r.path("outputUrl").asText(), "image-watermarked.pdf");
        assertThat(Poppler.run("pdfimages", "-list", pdf.toString()).lines().skip(2).map(l -> l.trim().split("\\s+")[0]))
                .containsExactly("1", "2");
        assertThat(Poppler.pageTexts(pdf)).isEqualTo(Poppler.pageTexts(FOUR_PAGES));
    }

    @Test
    void aPdfWatermarkFileIdAsPdfRestsSampleUploadsIsDrawnOnEveryPage() throws Exception {
        JsonNode up = ok(post("/upload", Multipart.form().file("file", FOUR_PAGES)
                .file("file", Corpus.file("pdf/minimal-document.pdf"))));
        JsonNode r = ok(postJson("/watermarked-pdf", "{\"id\":\"" + up.path("files").get(0).path("id").asText()
                + "\",\"watermark_file_id\":\"" + up.path("files").get(1).path("id").asText() + "\"}"));
        Path pdf = download(r.path("outputUrl").asText(), "pdf-watermarked.pdf");
        String overlay = "sadipscing"; // a word of the overlay's that the document does not have
        for (int page = 1; page <= 4; page++) {
            assertThat(Poppler.pageText(pdf, page)).as("page %d", page).contains(overlay);
        }
    }

    @Test
    void pdfWithAddedImagePutsItsBottomLeftCornerAtXAndYOnThePageAskedFromUploadedIds() throws Exception {
        JsonNode up = ok(post("/upload", Multipart.form().file("file", FOUR_PAGES)
                .file("file", Corpus.file("images/flower2.jpg"))));
        String pdfId = up.path("files").get(0).path("id").asText();
        String imageId = up.path("files").get(1).path("id").asText();
        JsonNode r = ok(postJson("/pdf-with-added-image", "{\"id\":\"" + pdfId + "\",\"image_id\":\"" + imageId
                + "\",\"x\":72,\"y\":100,\"page\":3}"));
        Path pdf = download(r.path("outputUrl").asText(), "added-image.pdf");
        assertThat(Poppler.run("pdfimages", "-list", pdf.toString()).lines().skip(2).map(l -> l.trim().split("\\s+")[0]))
                .containsExactly("3");
        double[] box = PageChanges.box(FOUR_PAGES, pdf, 3);
        assertThat(box[0]).as("left edge at x").isBetween(70.0, 75.0);
        assertThat(841.89 - box[3]).as("bottom edge at y, from the page's bottom").isBetween(97.0, 103.0);
    }

    @Test
    void pdfWithAddedTextWritesItsOneTextObjectAtXAndYOnItsPage() throws Exception {
        JsonNode r = ok(post("/pdf-with-added-text", Multipart.form().file("file", FOUR_PAGES)
                .field("text_objects", "[{\"text\":\"KILNADDED\",\"x\":100,\"y\":200,\"page\":2,\"text_size\":20,"
                        + "\"text_color_rgb\":\"0,0,255\"}]")));
        Path pdf = download(r.path("outputUrl").asText(), "added-text.pdf");
        assertThat(Poppler.drawnText(pdf, 1)).doesNotContain("KILNADDED");
        String box = Poppler.run("pdftotext", "-q", "-bbox", "-f", "2", "-l", "2", pdf.toString(), "-");
        var word = java.util.regex.Pattern.compile("<word xMin=\"([-\\d.]+)\" yMin=\"[-\\d.]+\" xMax=\"[-\\d.]+\" yMax=\"([-\\d.]+)\">KILNADDED<")
                .matcher(box);
        assertThat(word.find()).as(box).isTrue();
        assertThat(Double.parseDouble(word.group(1))).as("left at x").isBetween(99.0, 102.0);
        assertThat(841.89 - Double.parseDouble(word.group(2))).as("bottom near y (the descent below the baseline)")
                .isBetween(190.0, 202.0);
        HttpResponse<String> two = postJson("/pdf-with-added-text", "{\"id\":\"" + r.path("inputId").asText()
                + "\",\"text_objects\":[{\"text\":\"a\"},{\"text\":\"b\"}]}");
        assertThat(two.statusCode()).as(two.body()).isEqualTo(400);
        assertThat(json(two).path("error").asText()).contains("one text object");
    }

    @Test
    void aBrokenOrMissingImageIsRefusedInPdfRestsErrorShape() throws Exception {
        Path broken = Files.write(out.resolve("broken.png"),
                java.util.Arrays.copyOf(Files.readAllBytes(Corpus.file("images/nature1.png")), 4_000));
        HttpResponse<String> r = post("/watermarked-pdf", Multipart.form().file("file", FOUR_PAGES)
                .file("watermark_file", broken));
        assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
        assertThat(json(r).path("error").asText()).contains("broken.png").contains("cannot be read");
        HttpResponse<String> missing = post("/pdf-with-added-image", Multipart.form().file("file", FOUR_PAGES));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).path("error").asText()).contains("image_file or image_id is required");
        HttpResponse<String> both = post("/watermarked-pdf", Multipart.form().file("file", FOUR_PAGES)
                .file("watermark_file", Corpus.file("images/nature1.png")).field("watermark_text", "X"));
        assertThat(both.statusCode()).isEqualTo(400);
    }

    @Test
    void splitPdfGivesOneOutputPerPagesValue() throws Exception {
        JsonNode r = ok(post("/split-pdf", Multipart.form().file("file", FOUR_PAGES)
                .field("pages[]", "1-2").field("pages[]", "last")));
        assertThat(r.path("outputUrl")).hasSize(2);
        assertThat(r.path("outputId")).hasSize(2);
        List<String> original = Poppler.pageTexts(FOUR_PAGES);
        Path first = download(r.path("outputUrl").get(0).asText(), "split-1.pdf");
        Path last = download(r.path("outputUrl").get(1).asText(), "split-2.pdf");
        assertThat(Poppler.pageTexts(first)).containsExactly(original.get(0), original.get(1));
        assertThat(Poppler.pageTexts(last)).containsExactly(original.get(3));
    }

    @Test
    void splitPdfWithoutPagesGivesEveryPage() {
        JsonNode r = ok(post("/split-pdf", Multipart.form().file("file", FOUR_PAGES)));
        assertThat(r.path("outputId")).hasSize(4);
    }

    @Test
    void mergedPdfJoinsUploadedResourcesInOrderFromJson() throws Exception {
        JsonNode up = ok(post("/upload", Multipart.form().file("file", FOUR_PAGES)
                .file("file", Corpus.file("pdf/cweb.pdf"))));
        String a = up.path("files").get(0).path("id").asText();
        String b = up.path("files").get(1).path("id").asText();
        assertThat(up.path("files").get(0).path("name").asText()).isEqualTo("pdflatex-4-pages.pdf");
        JsonNode r = ok(postJson("/merged-pdf", "{\"id\":[\"" + b + "\",\"" + a + "\"],\"type\":[\"id\",\"id\"],"
                + "\"pages\":[\"1-last\",\"1-last\"]}"));
        assertThat(r.path("inputId").get(0).asText()).isEqualTo(b);
        assertThat(r.path("inputId").get(1).asText()).isEqualTo(a);
        Path merged = download(r.path("outputUrl").asText(), "merged.pdf");
        int cweb = Integer.parseInt(Poppler.info(Corpus.file("pdf/cweb.pdf"), "Pages"));
        assertThat(Poppler.info(merged, "Pages")).isEqualTo(Integer.toString(cweb + 4));
        assertThat(Poppler.pageText(merged, cweb + 1)).isEqualTo(Poppler.pageText(FOUR_PAGES, 1));
    }

    @Test
    void pdfInfoAnswersTheQueriesAskedAndNamesTheOnesItCannot() {
        JsonNode r = ok(post("/pdf-info", Multipart.form().file("file", FOUR_PAGES)
                .field("queries", "page_count,producer,pdf_version,filename,requires_password_to_open,tagged")));
        assertThat(r.path("page_count").asInt()).isEqualTo(4);
        assertThat(r.path("producer").asText()).isEqualTo("pdfTeX-1.40.23");
        assertThat(r.path("pdf_version").asText()).isEqualTo("1.5.0");
        assertThat(r.path("filename").asText()).isEqualTo("pdflatex-4-pages.pdf");
        assertThat(r.path("requires_password_to_open").asBoolean(true)).isFalse();
        assertThat(r.has("title")).as("not asked").isFalse();
        assertThat(r.path("allQueriesProcessed").asBoolean(true)).isFalse();
        assertThat(r.path("warning").asText()).contains("tagged");
    }

    @Test
    void linearizedPdfIsLinearizedByQpdfsCheck() throws Exception {
        JsonNode r = ok(post("/linearized-pdf", Multipart.form().file("file", FOUR_PAGES)));
        Path pdf = download(r.path("outputUrl").asText(), "linearized.pdf");
        assertThat(Poppler.run("qpdf", "--check", pdf.toString())).contains("File is linearized");
        assertThat(r.path("inputId").isTextual()).isTrue();
    }

    @Test
    void compressedPdfTakesItsCompressionLevelAndRefusesCustomProfiles() throws Exception {
        Path album = ImagePdfs.photoAlbum(Files.createTempFile("album", ".pdf"), 2);
        JsonNode r = ok(post("/compressed-pdf", Multipart.form().file("file", album).field("compression_level", "high")));
        Path small = download(r.path("outputUrl").asText(), "compressed.pdf");
        assertThat(Files.size(small)).isLessThan(Files.size(album));
        assertThat(Poppler.maxImagePpi(small)).as("high: 72 dpi").isLessThanOrEqualTo(108);
        assertThat(Poppler.text(small)).isEqualTo(Poppler.text(album));

        HttpResponse<String> custom = post("/compressed-pdf", Multipart.form().file("file", album).field("compression_level", "custom"));
        assertThat(custom.statusCode()).isEqualTo(400);
        assertThat(json(custom).path("error").asText()).contains("custom compression profiles are not supported");
        assertThat(post("/compressed-pdf", Multipart.form().file("file", album)).statusCode()).as("compression_level is required")
                .isEqualTo(400);
        Files.delete(album);
    }

    @Test
    void pdfaTakesItsOutputTypeAndVeraPdfSaysTheResultIsCompliant() throws Exception {
        JsonNode r = ok(post("/pdfa", Multipart.form().file("file", FOUR_PAGES).field("output_type", "PDF/A-3u")
                .field("rasterize_if_errors_encountered", "off")));
        Path pdf = download(r.path("outputUrl").asText(), "archived.pdf");
        assertThat(io.kiln.testing.VeraPdf.brokenRules(pdf, "3u")).isEmpty();
        assertThat(Poppler.text(pdf)).contains(Poppler.text(FOUR_PAGES).strip().lines().findFirst().orElseThrow().strip());

        HttpResponse<String> bad = post("/pdfa", Multipart.form().file("file", FOUR_PAGES).field("output_type", "PDF/A-1a"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("error").asText()).contains("output_type");
    }

    @Test
    void redactionIsPreviewedThenAppliedByTheOutputId() throws Exception {
        JsonNode preview = ok(post("/pdf-with-redacted-text-preview", Multipart.form().file("file", FOUR_PAGES)
                .field("redactions", "[{\"type\":\"literal\",\"value\":\"Huardest\"},{\"type\":\"regex\",\"value\":\"Kj[a-z]+\"}]")));
        Path marked = download(preview.path("outputUrl").asText(), "preview.pdf");
        assertThat(Poppler.text(marked)).as("a preview removes nothing").contains("Huardest", "Kjift");
        JsonNode applied = ok(postJson("/pdf-with-redacted-text-applied", "{\"id\":\"" + preview.path("outputId").asText()
                + "\",\"rgb_color\":\"255,255,255\"}"));
        Path done = download(applied.path("outputUrl").asText(), "applied.pdf");
        assertThat(Poppler.text(done)).doesNotContain("Huardest").doesNotContain("Kjift").contains("gefburn");

        HttpResponse<String> preset = post("/pdf-with-redacted-text-preview", Multipart.form().file("file", FOUR_PAGES)
                .field("redactions", "[{\"type\":\"preset\",\"value\":\"ipv6\"}]"));
        assertThat(preset.statusCode()).isEqualTo(400);
        assertThat(json(preset).path("error").asText()).contains("ipv6");
        HttpResponse<String> unmarked = post("/pdf-with-redacted-text-applied", Multipart.form().file("file", FOUR_PAGES));
        assertThat(unmarked.statusCode()).as(unmarked.body()).isBetween(400, 422);
        assertThat(json(unmarked).path("error").asText()).contains("no redaction marks");
    }

    @Test
    void encryptedThenDecryptedChainsByOutputId() throws Exception {
        JsonNode enc = ok(post("/encrypted-pdf", Multipart.form().file("file", FOUR_PAGES)
                .field("new_open_password", "s3cret-pass")));
        Path locked = download(enc.path("outputUrl").asText(), "encrypted.pdf");
        assertThat(Poppler.run("qpdf", "--show-encryption", "--password=s3cret-pass", locked.toString()))
                .contains("R = 6");
        HttpResponse<String> wrong = postJson("/decrypted-pdf", "{\"id\":\"" + enc.path("outputId").asText()
                + "\",\"current_open_password\":\"not-it\"}");
        assertThat(wrong.statusCode()).isIn(401, 422);
        assertThat(json(wrong).has("error")).isTrue();
        JsonNode dec = ok(postJson("/decrypted-pdf", "{\"id\":\"" + enc.path("outputId").asText()
                + "\",\"current_open_password\":\"s3cret-pass\"}"));
        assertThat(dec.path("inputId").asText()).isEqualTo(enc.path("outputId").asText());
        Path open = download(dec.path("outputUrl").asText(), "decrypted.pdf");
        assertThat(Poppler.run("qpdf", "--show-encryption", open.toString())).contains("File is not encrypted");
        assertThat(Poppler.text(open)).isEqualTo(Poppler.text(FOUR_PAGES));
    }

    @Test
    void exportedFormDataAnswersTheFormsValuesAsTheAskedDataFile() throws Exception {
        Path tax = Corpus.file("pdf/prefilled_f1040.pdf");
        JsonNode r = ok(post("/exported-form-data", Multipart.form().file("file", tax).field("data_format", "xfdf")
                .field("output", "values")));
        assertThat(r.path("outputId").asText()).isNotBlank();
        Path xfdf = download(r.path("outputUrl").asText(), "values.xfdf");
        String xml = Files.readString(xfdf);
        assertThat(xml).contains("<xfdf").contains("foobar");
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xfdf.toFile()); // well-formed

        JsonNode fdf = ok(post("/exported-form-data", Multipart.form().file("file", tax).field("data_format", "fdf")));
        try (var read = org.apache.pdfbox.Loader.loadFDF(download(fdf.path("outputUrl").asText(), "values.fdf").toFile())) {
            assertThat(read.getCatalog().getFDF().getFields()).isNotEmpty();
        }
        HttpResponse<String> xfa = post("/exported-form-data", Multipart.form().file("file", tax).field("data_format", "xdp"));
        assertThat(xfa.statusCode()).isEqualTo(400);
        assertThat(json(xfa).path("error").asText()).contains("data_format").contains("fdf or xfdf");
        assertThat(post("/exported-form-data", Multipart.form().file("file", tax)).statusCode()).as("data_format is required")
                .isEqualTo(400);
        HttpResponse<String> formless = post("/exported-form-data", Multipart.form().file("file", FOUR_PAGES)
                .field("data_format", "xfdf"));
        assertThat(formless.statusCode()).as(formless.body()).isBetween(400, 422);
        assertThat(json(formless).path("error").asText()).contains("no form fields");
    }

    @Test
    void pdfWithOcrTextMakesAScanSearchableInTheLanguagesNamedAsPdfRestNamesThem() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tesseract")), "tesseract installed");
        Path scan = out.resolve("scan.pdf");
        try (org.apache.pdfbox.pdmodel.PDDocument typed = org.apache.pdfbox.Loader.loadPDF(FOUR_PAGES.toFile());
             org.apache.pdfbox.pdmodel.PDDocument scanned = new org.apache.pdfbox.pdmodel.PDDocument()) {
            var image = new org.apache.pdfbox.rendering.PDFRenderer(typed).renderImageWithDPI(0, 200);
            var page = new org.apache.pdfbox.pdmodel.PDPage(typed.getPage(0).getMediaBox());
            scanned.addPage(page);
            try (var cs = new org.apache.pdfbox.pdmodel.PDPageContentStream(scanned, page)) {
                cs.drawImage(org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory.createFromImage(scanned, image), 0, 0,
                        page.getMediaBox().getWidth(), page.getMediaBox().getHeight());
            }
            scanned.save(scan.toFile());
        }
        assertThat(Poppler.text(scan).strip()).as("a scan has no text of its own").isEmpty();
        JsonNode r = ok(post("/pdf-with-ocr-text", Multipart.form().file("file", scan).field("languages", "English")));
        String read = Poppler.text(download(r.path("outputUrl").asText(), "searchable.pdf"));
        assertThat(read).contains("information").contains("alphabet").contains("language");

        HttpResponse<String> klingon = post("/pdf-with-ocr-text", Multipart.form().file("file", scan).field("languages", "Klingon"));
        assertThat(klingon.statusCode()).isEqualTo(400);
        assertThat(json(klingon).path("error").asText()).contains("languages").contains("English");
    }

    @Test
    void pdfWithImportedFormDataFillsTheFormFromAnXfdfFileOrAnExportedOne() throws Exception {
        Path form = Corpus.file("pdf/pdflatex-forms.pdf");
        byte[] xfdf = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><xfdf xmlns=\"http://ns.adobe.com/xfdf/\" xml:space=\"preserve\">"
                + "<fields><field name=\"Name\"><value>Ada Lovelace</value></field></fields></xfdf>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        JsonNode r = ok(post("/pdf-with-imported-form-data", Multipart.form().file("file", form)
                .bytes("data_file", "values.xfdf", xfdf)));
        Path filled = download(r.path("outputUrl").asText(), "imported.pdf");
        assertThat(Poppler.text(filled)).contains("Ada Lovelace");

        // round trip by resource ids: the filled form's data exported, then imported into the empty form
        JsonNode exported = ok(post("/exported-form-data", Multipart.form().file("file", filled).field("data_format", "fdf")));
        JsonNode upload = ok(post("/upload", Multipart.form().file("file", form)));
        JsonNode again = ok(postJson("/pdf-with-imported-form-data", "{\"id\":\"" + upload.path("files").get(0).path("id").asText()
                + "\",\"data_file_id\":\"" + exported.path("outputId").asText() + "\"}"));
        assertThat(Poppler.text(download(again.path("outputUrl").asText(), "again.pdf"))).contains("Ada Lovelace");

        HttpResponse<String> none = post("/pdf-with-imported-form-data", Multipart.form().file("file", form));
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(json(none).path("error").asText()).contains("data_file");
        HttpResponse<String> junk = post("/pdf-with-imported-form-data", Multipart.form().file("file", form)
                .bytes("data_file", "values.xml", "<notes/>".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(junk.statusCode()).as(junk.body()).isBetween(400, 422);
        assertThat(json(junk).path("error").asText()).contains("neither FDF");
    }

    @Test
    void restrictedPdfTurnsOffTheNamedPermissions() throws Exception {
        JsonNode r = ok(post("/restricted-pdf", Multipart.form().file("file", FOUR_PAGES)
                .field("new_permissions_password", "owner-pass").field("restrictions[]", "print_high")
                .field("restrictions[]", "copy_content")));
        Path pdf = download(r.path("outputUrl").asText(), "restricted.pdf");
        String shown = Poppler.run("qpdf", "--show-encryption", pdf.toString());
        assertThat(shown).contains("print high resolution: not allowed").contains("print low resolution: allowed")
                .contains("extract for any purpose: not allowed")
                .contains("modify other: allowed");
        JsonNode free = ok(postJson("/unrestricted-pdf", "{\"id\":\"" + r.path("outputId").asText()
                + "\",\"current_permissions_password\":\"owner-pass\"}"));
        Path open = download(free.path("outputUrl").asText(), "unrestricted.pdf");
        assertThat(Poppler.run("qpdf", "--show-encryption", open.toString())).contains("File is not encrypted");
    }

    @Test
    void flattenedFormsPdfIsAPdfOfTheSamePages() throws Exception {
        JsonNode r = ok(post("/flattened-forms-pdf", Multipart.form().file("file", FOUR_PAGES)));
        assertThat(Poppler.info(download(r.path("outputUrl").asText(), "flat.pdf"), "Pages")).isEqualTo("4");
    }

    @Test
    void aRequestIdIsPolledUntilCompletedInTheRealShape() throws Exception {
        HttpResponse<String> started = server.send(Multipart.form().file("file", FOUR_PAGES)
                .into(server.request("/linearized-pdf").header("Api-Key", key).header("Response-Type", "requestId"))
                .build());
        String id = ok(started).path("requestId").asText();
        assertThat(json(started).size()).isEqualTo(1);
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> polled = server.send(server.request("/request-status/" + id)
                    .header("Api-Key", key).GET().build());
            assertThat(polled.statusCode()).as(polled.body()).isEqualTo(200);
            last.set(json(polled));
            assertThat(last.get().path("status").asText()).isIn("pending", "completed");
            assertThat(last.get().path("requestId").asText()).isEqualTo(id);
            return last.get().path("status").asText().equals("completed");
        });
        Path pdf = download(last.get().path("outputUrl").asText(), "async.pdf");
        assertThat(Poppler.run("qpdf", "--check", pdf.toString())).contains("File is linearized");
        assertThat(last.get().path("inputId").asText()).isNotBlank();
    }

    @Test
    void aResourceIsDescribedLinkedAndDeleted() throws Exception {
        JsonNode r = ok(post("/linearized-pdf", Multipart.form().file("file", FOUR_PAGES).field("output", "fast")));
        String id = r.path("outputId").asText();
        JsonNode info = ok(server.send(server.request("/resource/" + id + "?format=info").header("Api-Key", key)
                .GET().build()));
        assertThat(info.path("id").asText()).isEqualTo(id);
        assertThat(info.path("name").asText()).isEqualTo("fast.pdf");
        assertThat(info.path("type").asText()).isEqualTo("application/pdf");
        assertThat(info.path("size").asLong()).isPositive();
        JsonNode url = ok(server.send(server.request("/resource/" + id + "?format=url").header("Api-Key", key)
                .GET().build()));
        assertThat(Poppler.info(download(url.path("url").asText(), "by-url.pdf"), "Pages")).isEqualTo("4");
        HttpResponse<String> noKey = server.send(server.request("/resource/" + id + "?format=file").GET().build());
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(json(noKey).path("error").asText()).isNotBlank();
        HttpResponse<String> deleted = server.send(server.request("/resource/" + id).header("Api-Key", key)
                .DELETE().build());
        assertThat(deleted.statusCode()).isEqualTo(204);
        HttpResponse<String> gone = server.send(server.request("/resource/" + id + "?format=info")
                .header("Api-Key", key).GET().build());
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(json(gone).path("error").asText()).contains(id);
    }

    @Test
    void aFileAndAnIdTogetherAreRefused() {
        HttpResponse<String> r = post("/linearized-pdf", Multipart.form().file("file", FOUR_PAGES)
                .field("id", "0190a1b2-0000-7000-8000-000000000000"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).isEqualTo("This route will only accept a File or an ID, not both.");
    }

    @Test
    void aWrongKeyIsRefusedInPdfRestsShape() {
        HttpResponse<String> r = server.send(Multipart.form().file("file", FOUR_PAGES)
                .into(server.request("/linearized-pdf").header("Api-Key", "nope")).build());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).path("error").asText()).isNotBlank();
    }
}
