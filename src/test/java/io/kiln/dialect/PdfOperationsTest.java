package io.kiln.dialect;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Corpus;
import io.kiln.testing.ImagePdfs;
import io.kiln.testing.Multipart;
import io.kiln.testing.Poppler;
import io.kiln.testing.TestServer;
import io.kiln.testing.VeraPdf;
import io.kiln.testing.XlsxSheets;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PDF operations as each dialect's clients ask for them, on the vendors' routes and parameter
 * names, checked in the file a client downloads: ConvertAPI's {@code watermark} (its alignment pair
 * and 0–100 opacity), {@code delete-pages}, {@code rotate} ({@code RotatePage}) and metadata on
 * pdf → pdf ({@code PdfTitle}, ...); PDF.co's {@code /v1/pdf/edit/delete-pages} (pages from 1) and
 * {@code /v1/pdf/edit/rotate} (pages from 0); ConvertAPI's {@code compress} ({@code Preset}) and
 * PDF.co's {@code /v1/pdf/optimize} ({@code profiles}), {@code /v1/pdf/security/add} and {@code /remove},
 * {@code /v1/pdf/edit/delete-text};
 * the native API's {@code page-numbers}; pdf → xlsx on the native API ({@code to=xlsx}), ConvertAPI's
 * {@code pdf/to/xlsx} ({@code PageRange}) and PDF.co's {@code /v1/pdf/convert/to/xlsx} (pages from 0).
 */
class PdfOperationsTest {

    private static final String FOUR = "pdf/pdflatex-4-pages.pdf";
    private static final List<String> SOURCE = Poppler.pageTexts(Corpus.file(FOUR));
    private static TestServer server;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void convertApiWatermarkTakesItsAlignmentPairAndOpacityInPercent() throws Exception {
        Path out = convertApi("/convert/pdf/to/watermark", Multipart.form().file("File", Corpus.file(FOUR))
                .field("Text", "DRAFT").field("FontSize", "30").field("VerticalAlignment", "top")
                .field("HorizontalAlignment", "left").field("Opacity", "50").field("PageRange", "2"));
        assertThat(Poppler.drawnText(out, 2)).endsWith("DRAFT");
        assertThat(Poppler.drawnText(out, 1)).doesNotContain("DRAFT");
        String box = Poppler.run("pdftotext", "-q", "-bbox", "-f", "2", "-l", "2", out.toString(), "-");
        var word = java.util.regex.Pattern.compile("<word xMin=\"([-\\d.]+)\" yMin=\"([-\\d.]+)\"[^>]*>DRAFT<").matcher(box);
        assertThat(word.find()).as(box).isTrue();
        assertThat(Double.parseDouble(word.group(1))).as("at the left edge (a watermark's margin is 0)").isBetween(-0.5, 2.0);
        assertThat(Double.parseDouble(word.group(2))).as("at the top edge").isBetween(-0.5, 2.0);
        try (var doc = org.apache.pdfbox.Loader.loadPDF(out.toFile())) {
            var resources = doc.getPage(1).getResources();
            List<Float> alphas = new java.util.ArrayList<>();
            for (var name : resources.getExtGStateNames()) {
                alphas.add(resources.getExtGState(name).getNonStrokingAlphaConstant());
            }
            assertThat(alphas).as("Opacity 50 of 100").contains(0.5f);
        }
    }

    @Test
    void convertApiDeletePagesRotateAndMetadataOnPdfToPdf() throws Exception {
        Path deleted = convertApi("/convert/pdf/to/delete-pages", Multipart.form().file("File", Corpus.file(FOUR))
                .field("PageRange", "1-2"));
        assertThat(Poppler.pageTexts(deleted)).containsExactly(SOURCE.get(2), SOURCE.get(3));

        Path turned = convertApi("/convert/pdf/to/rotate", Multipart.form().file("File", Corpus.file(FOUR)).field("RotatePage", "180"));
        assertThat(Poppler.run("pdfinfo", "-f", "1", "-l", "1", turned.toString())).containsPattern("Page\\s+1 rot:\\s+180");

        Path titled = convertApi("/convert/pdf/to/pdf", Multipart.form().file("File", Corpus.file("pdf/text_only_pdfa1b.pdf"))
                .field("PdfTitle", "Minutes").field("PdfAuthor", " ").field("PdfKeywords", "board"));
        assertThat(Poppler.info(titled, "Title")).isEqualTo("Minutes");
        assertThat(Poppler.info(titled, "Author")).as("a blank value removes it, as ConvertAPI's \"remove metadata\" recipe expects").isEmpty();
        assertThat(Poppler.info(titled, "Keywords")).isEqualTo("board");
        assertThat(Poppler.info(titled, "Pages")).isEqualTo(Poppler.info(Corpus.file("pdf/text_only_pdfa1b.pdf"), "Pages"));
    }

    @Test
    void pdfCoDeletePagesCountsFromOneAndRotateFromZero() throws Exception {
        String url = json(server.send(Multipart.form().file("file", Corpus.file(FOUR))
                .into(server.request("/v1/file/upload")).build())).path("url").asText();
        JsonNode deleted = json(server.postJson("/v1/pdf/edit/delete-pages", "{\"url\":\"" + url + "\",\"pages\":\"2-3\"}"));
        assertThat(deleted.path("error").asBoolean()).as(deleted.toString()).isFalse();
        Path kept = download(deleted.path("url").asText(), "kept.pdf");
        assertThat(Poppler.pageTexts(kept)).containsExactly(SOURCE.get(0), SOURCE.get(3));
        assertThat(deleted.path("pageCount").asInt()).isEqualTo(2);

        JsonNode rotated = json(server.postJson("/v1/pdf/edit/rotate", "{\"url\":\"" + url + "\",\"angle\":90,\"pages\":\"0\"}"));
        Path turned = download(rotated.path("url").asText(), "turned.pdf");
        String info = Poppler.run("pdfinfo", "-f", "1", "-l", "2", turned.toString());
        assertThat(info).containsPattern("Page\\s+1 rot:\\s+90").containsPattern("Page\\s+2 rot:\\s+0");
    }

    @Test
    void pdfCoEditAddPutsAnImageAtItsTopLeftXYAndWritesPageNumberMacros() throws Exception {
        String pdf = json(server.send(Multipart.form().file("file", Corpus.file(FOUR))
                .into(server.request("/v1/file/upload")).build())).path("url").asText();
        String image = json(server.send(Multipart.form().file("file", Corpus.file("images/flower2.jpg"))
                .into(server.request("/v1/file/upload")).build())).path("url").asText();
        JsonNode added = json(server.postJson("/v1/pdf/edit/add", "{\"url\":\"" + pdf + "\",\"images\":[{\"url\":\""
                + image + "\",\"x\":50,\"y\":60,\"width\":120,\"pages\":\"1\"}]}"));
        assertThat(added.path("error").asBoolean()).as(added.toString()).isFalse();
        Path out = download(added.path("url").asText(), "added.pdf");
        assertThat(Poppler.run("pdfimages", "-list", out.toString()).lines().skip(2).map(l -> l.trim().split("\\s+")[0]))
                .as("pages count from 0: page 2 only").containsExactly("2");
        double[] box = io.kiln.testing.PageChanges.box(Corpus.file(FOUR), out, 2);
        assertThat(box[0]).as("left").isBetween(48.0, 53.0);
        assertThat(box[1]).as("top, from the page's top").isBetween(58.0, 63.0);
        assertThat(box[2] - box[0]).as("width").isBetween(117.0, 123.0);

        JsonNode numbered = json(server.postJson("/v1/pdf/edit/add", "{\"url\":\"" + pdf + "\",\"annotations\":[{"
                + "\"text\":\"Page {{$$PageNumber}} of {{$$PageCount}}\",\"x\":400,\"y\":20,\"size\":10,\"color\":\"FF0000\"}]}"));
        assertThat(numbered.path("error").asBoolean()).as(numbered.toString()).isFalse();
        Path pages = download(numbered.path("url").asText(), "numbered.pdf");
        assertThat(Poppler.pageText(pages, 3)).contains("Page 3 of 4");

        HttpResponse<String> two = server.postJson("/v1/pdf/edit/add", "{\"url\":\"" + pdf + "\",\"annotations\":["
                + "{\"text\":\"a\"},{\"text\":\"b\"}]}");
        assertThat(two.statusCode()).isEqualTo(400);
        assertThat(json(two).path("error").asBoolean()).isTrue();
        assertThat(json(two).path("message").asText()).contains("one object");
    }

    @Test
    void pdfCoEditAddFillsFormFieldsAsItsMcpServerSendsThem() throws Exception {
        String form = json(server.send(Multipart.form().file("file", Corpus.file("pdf/pdflatex-forms.pdf"))
                .into(server.request("/v1/file/upload")).build())).path("url").asText();
        JsonNode filled = json(server.postJson("/v1/pdf/edit/add", "{\"url\":\"" + form + "\",\"fields\":["
                + "{\"fieldName\":\"Name\",\"pages\":\"0\",\"text\":\"Grace Hopper\"},"
                + "{\"fieldName\":\"Check\",\"pages\":\"0\",\"text\":\"True\"}]}"));
        assertThat(filled.path("error").asBoolean()).as(filled.toString()).isFalse();
        Path out = download(filled.path("url").asText(), "filled.pdf");
        assertThat(Poppler.text(out)).contains("Grace Hopper");
        try (var doc = org.apache.pdfbox.Loader.loadPDF(out.toFile())) {
            var acro = doc.getDocumentCatalog().getAcroForm();
            assertThat(acro.getField("Name").getValueAsString()).isEqualTo("Grace Hopper");
            assertThat(((org.apache.pdfbox.pdmodel.interactive.form.PDCheckBox) acro.getField("Check")).isChecked()).isTrue();
        }
        JsonNode wrong = json(server.postJson("/v1/pdf/edit/add", "{\"url\":\"" + form + "\",\"fields\":["
                + "{\"fieldName\":\"Nom\",\"text\":\"x\"}]}"));
        assertThat(wrong.path("error").asBoolean()).isTrue();
        assertThat(wrong.path("message").asText()).contains("Nom");
    }

    @Test
    void nativePageNumbersThroughTheApi() throws Exception {
        JsonNode job = server.convert(Multipart.form().file("file", Corpus.file(FOUR)).field("to", "page-numbers")
                .field("format", "{n} / {total}").field("position", "bottom-right"));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("success");
        Path out = download(server.base() + job.path("outputs").get(0).path("url").asText().replaceFirst("^https?://[^/]+", ""),
                "numbered.pdf");
        assertThat(Poppler.drawnText(out, 3)).endsWith("3/4");
        JsonNode formats = json(server.get("/v1/formats"));
        assertThat(formats.path("formats").findValuesAsText("to")).contains("watermark", "stamp", "page-numbers",
                "metadata", "set-metadata", "remove-pages", "extract-pages", "reorder");
    }

    @Test
    void nativeImageWatermarkTakesThePictureAsASecondFileAndABrokenOneFailsTheJobWithTheReason() throws Exception {
        JsonNode job = server.convert(Multipart.form().file("file", Corpus.file(FOUR))
                .file("files", Corpus.file("images/nature1.png")).field("to", "watermark").field("pages", "2-3")
                .field("position", "bottom-left").field("width", "200").field("opacity", "0.6"));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("success");
        Path out = download(server.base() + job.path("outputs").get(0).path("url").asText().replaceFirst("^https?://[^/]+", ""),
                "marked.pdf");
        assertThat(Poppler.run("pdfimages", "-list", out.toString()).lines().skip(2).map(l -> l.trim().split("\\s+")[0]))
                .as("pdfimages: the picture on pages 2 and 3 only").containsExactly("2", "3");
        assertThat(Poppler.pageTexts(out)).isEqualTo(SOURCE);

        Path broken = Files.write(Files.createDirectories(work.resolve("broken")).resolve("logo.png"),
                java.util.Arrays.copyOf(Files.readAllBytes(Corpus.file("images/nature1.png")), 5_000));
        JsonNode failed = server.convert(Multipart.form().file("file", Corpus.file(FOUR)).file("files", broken)
                .field("to", "stamp"));
        assertThat(failed.path("status").asText()).as(failed.toString()).isEqualTo("failed");
        assertThat(failed.toString()).contains("corrupt_document").contains("logo.png");
        HttpResponse<String> refused = server.postMultipart("/v1/jobs", Multipart.form().file("file", Corpus.file(FOUR))
                .file("files", Corpus.file("images/nature1.png")).field("to", "stamp").field("width", "0"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    }

    @Test
    void convertApiCompressTakesItsPresetAndRefusesOneItDoesNotKnowInItsShape() throws Exception {
        Path album = ImagePdfs.photoAlbum(Files.createDirectories(work.resolve("in")).resolve("album.pdf"), 2);
        // both results are called album.pdf, as ConvertAPI names them: each is read before the next
        Path ebook = convertApi("/convert/pdf/to/compress", Multipart.form().file("File", album).field("Preset", "ebook"));
        assertThat(Poppler.maxImagePpi(ebook)).as("ebook: 150 dpi").isBetween(140, 225);
        assertThat(Poppler.text(ebook)).isEqualTo(Poppler.text(album));
        long ebookSize = Files.size(ebook);
        Path text = convertApi("/convert/pdf/to/compress", Multipart.form().file("File", album).field("Preset", "text"));
        assertThat(Poppler.maxImagePpi(text)).as("text: 72 dpi").isLessThanOrEqualTo(108);
        assertThat(Files.size(text)).isLessThan(ebookSize).isLessThan(Files.size(album));

        HttpResponse<String> bad = server.postMultipart("/convert/pdf/to/compress", Multipart.form().file("File", album)
                .field("Preset", "tiny"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("Message").asText()).contains("Preset").contains("ebook");
        assertThat(json(bad).path("Code").asInt()).isPositive();
    }

    @Test
    void convertApiPdfaTakesPdfaVersionAndVeraPdfSaysTheResultIsCompliant() throws Exception {
        Path two = convertApi("/convert/pdf/to/pdfa", Multipart.form().file("File", Corpus.file(FOUR)).field("PdfaVersion", "pdfa2"));
        assertThat(VeraPdf.brokenRules(two, "2b")).isEmpty();
        assertThat(Poppler.pageTexts(two)).hasSameSizeAs(SOURCE);
        Path one = convertApi("/convert/pdf/to/pdfa", Multipart.form().file("File", Corpus.file(FOUR)).field("PdfaVersion", "pdfa1"));
        assertThat(VeraPdf.brokenRules(one, "1b")).isEmpty();
        assertThat(Poppler.info(one, "PDF version")).isEqualTo("1.4");

        HttpResponse<String> accessible = server.postMultipart("/convert/pdf/to/pdfa", Multipart.form()
                .file("File", Corpus.file(FOUR)).field("PdfaVersion", "pdfa1a"));
        assertThat(accessible.statusCode()).isEqualTo(400);
        assertThat(json(accessible).path("Message").asText()).contains("PdfaVersion");
    }

    @Test
    void pdfCoOptimizeTakesTheQualityAndResolutionOfItsProfiles() throws Exception {
        Path album = ImagePdfs.photoAlbum(Files.createDirectories(work.resolve("in")).resolve("album.pdf"), 2);
        String url = json(server.send(Multipart.form().file("file", album)
                .into(server.request("/v1/file/upload")).build())).path("url").asText();
        JsonNode plain = json(server.postJson("/v1/pdf/optimize", "{\"url\":\"" + url + "\",\"name\":\"small.pdf\"}"));
        assertThat(plain.path("error").asBoolean()).as(plain.toString()).isFalse();
        JsonNode profiled = json(server.postJson("/v1/pdf/optimize", "{\"url\":\"" + url + "\",\"profiles\":"
                + "\"{ 'ImageOptimizationFormat': 'JPEG', 'JPEGQuality': 25, 'ResampleImages': true, 'ResamplingResolution': 72 }\"}"));
        assertThat(profiled.path("error").asBoolean()).as(profiled.toString()).isFalse();
        Path medium = download(plain.path("url").asText(), "medium.pdf");
        Path low = download(profiled.path("url").asText(), "low.pdf");
        assertThat(plain.path("name").asText()).isEqualTo("small.pdf");
        assertThat(Poppler.maxImagePpi(medium)).isBetween(140, 225);
        assertThat(Poppler.maxImagePpi(low)).isLessThanOrEqualTo(108);
        assertThat(Files.size(low)).isLessThan(Files.size(medium));

        JsonNode broken = json(server.postJson("/v1/pdf/optimize", "{\"url\":\"" + url + "\",\"profiles\":\"{ JPEGQuality: \"}"));
        assertThat(broken.path("error").asBoolean()).isTrue();
        assertThat(broken.path("message").asText()).contains("profiles");
    }

    @Test
    void pdfCoSecurityAddTakesItsSamplesPayloadAndRemoveOpensTheFileAgain() throws Exception {
        String url = json(server.send(Multipart.form().file("file", Corpus.file(FOUR))
                .into(server.request("/v1/file/upload")).build())).path("url").asText();
        // the payload of PDF.co's own sample ("Protect PDF Document", Node.js), but with AES-256 and printing off
        JsonNode added = json(server.postJson("/v1/pdf/security/add", "{\"name\":\"protected.pdf\",\"url\":\"" + url
                + "\",\"ownerPassword\":\"123456\",\"userPassword\":\"654321\",\"encryptionAlgorithm\":\"AES_256bit\","
                + "\"allowAccessibilitySupport\":true,\"allowAssemblyDocument\":true,\"allowPrintDocument\":false,"
                + "\"allowFillForms\":true,\"allowModifyDocument\":true,\"allowContentExtraction\":true,"
                + "\"allowModifyAnnotations\":true,\"printQuality\":\"HighResolution\",\"async\":false}"));
        assertThat(added.path("error").asBoolean()).as(added.toString()).isFalse();
        assertThat(added.path("name").asText()).isEqualTo("protected.pdf");
        Path locked = download(added.path("url").asText(), "protected.pdf");
        String shown = Poppler.run("qpdf", "--password=654321", "--show-encryption", locked.toString());
        assertThat(shown).contains("AESv3").contains("print low resolution: not allowed")
                .contains("extract for any purpose: allowed").contains("modify other: allowed");
        assertThat(Poppler.run("qpdf", "--password=654321", "--check", locked.toString())).contains("No syntax or stream encoding errors");
        assertThat(Poppler.text(locked, "654321")).isEqualTo(Poppler.text(Corpus.file(FOUR)));

        // PDF.co's MCP server's capitalised names; every permission left out is off; AES-128 honoured
        JsonNode strict = json(server.postJson("/v1/pdf/security/add", "{\"url\":\"" + url
                + "\",\"OwnerPassword\":\"123456\",\"EncryptionAlgorithm\":\"AES_128bit\",\"AllowPrintDocument\":true,"
                + "\"PrintQuality\":\"LowResolution\"}"));
        Path restricted = download(strict.path("url").asText(), "strict.pdf");
        assertThat(Poppler.run("qpdf", "--show-encryption", restricted.toString())).contains("AESv2")
                .contains("print low resolution: allowed").contains("print high resolution: not allowed")
                .contains("extract for any purpose: not allowed").contains("modify other: not allowed");

        JsonNode rc4 = json(server.postJson("/v1/pdf/security/add", "{\"url\":\"" + url
                + "\",\"ownerPassword\":\"1\",\"EncryptionAlgorithm\":\"RC4_40bit\"}"));
        assertThat(rc4.path("error").asBoolean()).isTrue();
        assertThat(rc4.path("status").asInt()).isEqualTo(400);
        assertThat(rc4.path("message").asText()).contains("EncryptionAlgorithm").contains("AES_256bit");

        JsonNode removed = json(server.postJson("/v1/pdf/security/remove", "{\"url\":\"" + added.path("url").asText()
                + "\",\"password\":\"654321\",\"name\":\"unprotected.pdf\"}"));
        assertThat(removed.path("error").asBoolean()).as(removed.toString()).isFalse();
        Path open = download(removed.path("url").asText(), "unprotected.pdf");
        assertThat(Poppler.run("qpdf", "--show-encryption", open.toString())).contains("File is not encrypted");
        JsonNode wrong = json(server.postJson("/v1/pdf/security/remove", "{\"url\":\"" + added.path("url").asText()
                + "\",\"password\":\"nope\"}"));
        assertThat(wrong.path("error").asBoolean()).isTrue();
    }

    @Test
    void convertApiWatermarkOverlayLaysTheOverlayPdfOverEveryPageAsItsExampleSendsIt() throws Exception {
        // ConvertAPI's .NET WatermarkPdf example: File, OverlayFile, Style stamp, Opacity 50
        Path out = convertApi("/convert/pdf/to/watermark-overlay", Multipart.form().file("File", Corpus.file(FOUR))
                .file("OverlayFile", Corpus.file("pdf/minimal-document.pdf")).field("Style", "stamp").field("Opacity", "50"));
        assertThat(Poppler.info(out, "Pages")).isEqualTo("4");
        for (int page = 1; page <= 4; page++) {
            assertThat(Poppler.pageText(out, page)).as("page " + page).contains("sadipscing").contains("Huardest");
        }
        String box = Poppler.run("pdftotext", "-q", "-bbox", "-f", "1", "-l", "1", out.toString(), "-");
        var word = java.util.regex.Pattern.compile("<word xMin=\"([-\\d.]+)\"[^>]*>Lorem<").matcher(box);
        assertThat(word.find()).as(box).isTrue();
        assertThat(Double.parseDouble(word.group(1))).as("drawn at the page's full size, not shrunk into a share of it")
                .isLessThan(150);
        HttpResponse<String> bad = server.postMultipart("/convert/pdf/to/watermark-overlay", Multipart.form()
                .file("File", Corpus.file(FOUR)).file("OverlayFile", Corpus.file("pdf/minimal-document.pdf")).field("Style", "sideways"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("InvalidParameters").toString()).contains("Style").contains("stamp or watermark");
    }

    @Test
    void convertApiFdfExtractAnswersTheFormsValuesAsFdf() throws Exception {
        Path fdf = convertApi("/convert/pdf/to/fdf-extract", Multipart.form().file("File", Corpus.file("pdf/prefilled_f1040.pdf")));
        assertThat(fdf.getFileName().toString()).endsWith(".fdf");
        try (var read = org.apache.pdfbox.Loader.loadFDF(fdf.toFile())) {
            assertThat(read.getCatalog().getFDF().getFields()).isNotEmpty();
        }
    }

    @Test
    void pdfCoDeleteTextRemovesTheStringsOnTheChosenPagesAndPatchesOnlyWhenAsked() throws Exception {
        String url = json(server.send(Multipart.form().file("file", Corpus.file(FOUR))
                .into(server.request("/v1/file/upload")).build())).path("url").asText();
        JsonNode deleted = json(server.postJson("/v1/pdf/edit/delete-text", "{\"url\":\"" + url
                + "\",\"searchStrings\":[\"Kjift\",\"blind text\"],\"pages\":\"0\",\"name\":\"gone.pdf\"}"));
        assertThat(deleted.path("error").asBoolean()).as(deleted.toString()).isFalse();
        Path gone = download(deleted.path("url").asText(), "gone.pdf");
        List<String> pages = Poppler.pageTexts(gone);
        assertThat(pages.get(0)).doesNotContain("Kjift").doesNotContain("blind text").contains("Huardest gefburn");
        assertThat(pages.get(1)).as("pages counts from 0: only the first page").isEqualTo(SOURCE.get(1));

        // case-sensitive unless told otherwise, as PDF.co's reference says; regex searches each string
        Path kept = download(json(server.postJson("/v1/pdf/edit/delete-text", "{\"url\":\"" + url
                + "\",\"searchString\":\"kjift\"}")).path("url").asText(), "kept.pdf");
        assertThat(Poppler.pageTexts(kept)).isEqualTo(SOURCE);
        Path regex = download(json(server.postJson("/v1/pdf/edit/delete-text", "{\"url\":\"" + url
                + "\",\"searchStrings\":[\"huard\\\\w+\"],\"regex\":true,\"caseSensitive\":false}")).path("url").asText(),
                "regex.pdf");
        assertThat(Poppler.text(regex)).doesNotContain("Huardest").contains("gefburn");

        // no box unless the profile asks for a patch: the patched page is darker
        Path patched = download(json(server.postJson("/v1/pdf/edit/delete-text", "{\"url\":\"" + url
                + "\",\"searchStrings\":[\"Kjift\",\"blind text\"],\"pages\":\"0\","
                + "\"profiles\":\"{'UsePatch': true, 'PatchColor': '#000000'}\"}")).path("url").asText(), "patched.pdf");
        assertThat(darkPixels(patched)).isGreaterThan(darkPixels(gone) + 500);

        // a rectangle from the top left, page from 0
        Path boxed = download(json(server.postJson("/v1/pdf/edit/delete-text", "{\"url\":\"" + url
                + "\",\"redactions\":[{\"page\":0,\"x\":0,\"y\":0,\"width\":612,\"height\":140}]}")).path("url").asText(),
                "boxed.pdf");
        assertThat(SOURCE.get(0).strip()).startsWith("Hello, here is some text");
        assertThat(Poppler.pageTexts(boxed).get(0)).as("the top 140 pt gone, the rest kept").startsWith("about the selected font");

        JsonNode limited = json(server.postJson("/v1/pdf/edit/delete-text", "{\"url\":\"" + url
                + "\",\"searchStrings\":[\"Kjift\"],\"replacementLimit\":1}"));
        assertThat(limited.path("error").asBoolean()).isTrue();
        assertThat(limited.path("status").asInt()).isEqualTo(400);
        assertThat(limited.path("message").asText()).contains("replacementLimit");
        JsonNode none = json(server.postJson("/v1/pdf/edit/delete-text", "{\"url\":\"" + url + "\"}"));
        assertThat(none.path("message").asText()).contains("searchStrings");
    }

    /** Pixels darker than mid-grey on the first page at 72 dpi. */
    private static int darkPixels(Path pdf) throws Exception {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            java.awt.image.BufferedImage page = new org.apache.pdfbox.rendering.PDFRenderer(doc).renderImage(0);
            int dark = 0;
            for (int y = 0; y < page.getHeight(); y++) {
                for (int x = 0; x < page.getWidth(); x++) {
                    if ((page.getRGB(x, y) & 0xFF) < 128) {
                        dark++;
                    }
                }
            }
            return dark;
        }
    }

    @Test
    void pdfToXlsxGivesASheetAPageOnTheNativeApiConvertApiAndPdfCo() throws Exception {
        JsonNode job = server.convert(Multipart.form().file("file", Corpus.file(FOUR)).field("to", "xlsx"));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("success");
        XlsxSheets all = XlsxSheets.read(download(server.base() + job.path("outputs").get(0).path("url").asText()
                .replaceFirst("^https?://[^/]+", ""), "all.xlsx"));
        assertThat(all.names()).containsExactly("Page 1", "Page 2", "Page 3", "Page 4");
        assertThat(all.text(1) + all.text(2)).contains("Huardest");
        JsonNode formats = json(server.get("/v1/formats")).path("formats");
        JsonNode xlsx = java.util.stream.StreamSupport.stream(formats.spliterator(), false)
                .filter(f -> f.path("to").asText().equals("xlsx") && f.path("from").toString().contains("pdf"))
                .findFirst().orElseThrow();
        assertThat(xlsx.path("options").findValuesAsText("name")).contains("pages", "password");

        Path ranged = convertApi("/convert/pdf/to/xlsx", Multipart.form().file("File", Corpus.file(FOUR))
                .field("PageRange", "2-3"));
        assertThat(ranged.getFileName().toString()).endsWith(".xlsx");
        assertThat(XlsxSheets.read(ranged).names()).containsExactly("Page 2", "Page 3");

        String url = json(server.send(Multipart.form().file("file", Corpus.file(FOUR))
                .into(server.request("/v1/file/upload")).build())).path("url").asText();
        JsonNode pdfCo = json(server.postJson("/v1/pdf/convert/to/xlsx", "{\"url\":\"" + url
                + "\",\"pages\":\"0,3\",\"name\":\"result.xlsx\"}"));
        assertThat(pdfCo.path("error").asBoolean()).as(pdfCo.toString()).isFalse();
        assertThat(pdfCo.path("name").asText()).isEqualTo("result.xlsx");
        assertThat(XlsxSheets.read(download(pdfCo.path("url").asText(), "result.xlsx")).names())
                .as("PDF.co counts pages from 0").containsExactly("Page 1", "Page 4");
    }

    /** A ConvertAPI conversion with {@code StoreFile=true}, its one result downloaded by its {@code Url}. */
    private Path convertApi(String path, Multipart form) throws Exception {
        HttpResponse<String> r = server.postMultipart(path, form.field("StoreFile", "true"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode files = json(r).path("Files");
        assertThat(files).hasSize(1);
        return download(files.get(0).path("Url").asText(), files.get(0).path("FileName").asText());
    }

    private Path download(String url, String name) throws Exception {
        HttpResponse<byte[]> r = server.sendForBytes(HttpRequest.newBuilder(URI.create(url)).GET().build());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return Files.write(work.resolve(name), r.body());
    }
}
