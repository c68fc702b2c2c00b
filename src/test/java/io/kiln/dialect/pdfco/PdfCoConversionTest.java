package io.kiln.dialect.pdfco;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.auth.ApiKeys;
import io.kiln.testing.Corpus;
import io.kiln.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PDF.co's conversion methods on URL inputs, sync and async, as a PDF.co client calls them. */
class PdfCoConversionTest {

    private static final String FOUR_PAGES = "pdf/pdflatex-4-pages.pdf";
    private static final String ONE_PAGE = "pdf/minimal-document.pdf";

    @TempDir
    static Path data;
    static TestServer server;
    static CorpusOrigin origin;
    static PdfCoClient client;

    @BeforeAll
    static void start() {
        String key = ApiKeys.load(data.resolve("keys")).create("acme", OptionalLong.of(1000)).key();
        origin = new CorpusOrigin();
        server = TestServer.startOn(data, "--allow-hosts", "127.0.0.1");
        client = new PdfCoClient(server, key);
    }

    @AfterAll
    static void stop() {
        server.close();
        origin.close();
    }

    @Test
    void anAsyncMergeIsCheckedUntilSuccessAndItsLinksServeThePdf() throws Exception {
        HttpResponse<String> started = client.post("/v1/pdf/merge", "{\"async\": true, \"name\": \"merged.pdf\", "
                + "\"url\": \"" + origin.url(FOUR_PAGES) + "," + origin.url(ONE_PAGE) + "\"}");
        assertThat(started.statusCode()).isEqualTo(200);
        JsonNode answer = json(started);
        assertThat(answer.path("error").asBoolean()).isFalse();
        assertThat(answer.path("status").asInt()).isEqualTo(200);
        assertThat(answer.path("name").asText()).isEqualTo("merged.pdf");
        assertThat(answer.path("remainingCredits").isNumber()).isTrue();
        String jobId = answer.path("jobId").asText();

        JsonNode done = client.checkUntilDone(jobId);
        assertThat(done.path("status").asText()).isEqualTo("success");
        assertThat(done.path("message").asText()).isEqualTo("Success");
        assertThat(done.path("jobId").asText()).isEqualTo(jobId);
        assertThat(done.path("pageCount").asInt()).isEqualTo(5);
        assertThat(done.path("credits").asInt()).isEqualTo(5);
        assertThat(done.path("remainingCredits").asLong()).isLessThanOrEqualTo(1000 - 5);
        assertThat(done.path("outputLinkValidTill").asText()).isNotBlank();
        assertThat(done.has("jobDuration")).isTrue();
        assertThat(done.has("duration")).isTrue();
        assertThat(pages(client.download(done.path("url").asText()))).isEqualTo(5);
        // the url promised by the async answer now serves the same document
        assertThat(pages(client.download(answer.path("url").asText()))).isEqualTo(5);
    }

    @Test
    void aSyncMergeAnswersTheResult() throws Exception {
        HttpResponse<String> r = client.post("/v1/pdf/merge",
                "{\"url\": \"" + origin.url(ONE_PAGE) + ", " + origin.url(FOUR_PAGES) + "\", \"name\": \"both\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.path("error").asBoolean()).isFalse();
        assertThat(body.path("status").asInt()).isEqualTo(200);
        assertThat(body.path("pageCount").asInt()).isEqualTo(5);
        assertThat(body.path("credits").asInt()).isEqualTo(5);
        assertThat(body.path("name").asText()).isEqualTo("both.pdf");
        assertThat(body.has("remainingCredits") && body.has("duration")).isTrue();
        try (PDDocument d = Loader.loadPDF(client.download(body.path("url").asText()))) {
            assertThat(d.getNumberOfPages()).isEqualTo(5);
            assertThat(new PDFTextStripper().getText(d)).isNotBlank();
        }
    }

    @Test
    void splitAnswersOneUrlPerRangeCountingFromOne() throws Exception {
        JsonNode body = json(client.post("/v1/pdf/split",
                "{\"url\": \"" + origin.url(FOUR_PAGES) + "\", \"pages\": \"1-2,3-\"}"));
        assertThat(body.path("error").asBoolean()).isFalse();
        assertThat(body.path("urls")).hasSize(2);
        assertThat(body.path("pageCount").asInt()).isEqualTo(4);
        for (JsonNode url : body.path("urls")) {
            assertThat(pages(client.download(url.asText()))).isEqualTo(2);
        }
    }

    @Test
    void infoAnswersPdfCoNames() {
        JsonNode body = json(client.post("/v1/pdf/info", "{\"url\": \"" + origin.url(FOUR_PAGES) + "\"}"));
        assertThat(body.path("error").asBoolean()).isFalse();
        assertThat(body.path("status").asInt()).isEqualTo(200);
        assertThat(body.path("info").path("PageCount").asInt()).isEqualTo(4);
        assertThat(body.path("info").path("Encrypted").asBoolean()).isFalse();
        assertThat(body.path("info").path("PermissionPrinting").asBoolean()).isTrue();
        assertThat(body.path("info").path("Producer").asText()).isNotBlank();
        assertThat(body.path("pageCount").asInt()).isEqualTo(4);
    }

    @Test
    void toTextCountsPagesFromZeroAndCanAnswerTheTextInline() throws Exception {
        JsonNode body = json(client.post("/v1/pdf/convert/to/text",
                "{\"url\": \"" + origin.url(FOUR_PAGES) + "\", \"pages\": \"1\", \"inline\": true}"));
        assertThat(body.path("error").asBoolean()).isFalse();
        String expected = text(Corpus.file(FOUR_PAGES), 2);
        assertThat(body.path("body").asText().strip()).isEqualTo(expected.strip());
        String downloaded = new String(client.download(body.path("url").asText()), StandardCharsets.UTF_8);
        assertThat(downloaded.strip()).isEqualTo(expected.strip());
    }

    @Test
    void anAsyncPngJobsUrlListsOnePngPerPage() throws Exception {
        JsonNode started = json(client.post("/v1/pdf/convert/to/png",
                "{\"url\": \"" + origin.url(FOUR_PAGES) + "\", \"pages\": \"0,!0\", \"async\": \"true\"}"));
        assertThat(started.path("url").asText()).contains(".json");
        JsonNode done = client.checkUntilDone(started.path("jobId").asText());
        assertThat(done.path("status").asText()).isEqualTo("success");
        JsonNode list = TestServer.JSON.readTree(client.download(done.path("url").asText()));
        assertThat(list).hasSize(2);
        assertThat(list.get(0).asText()).contains("-1.png");
        assertThat(list.get(1).asText()).contains("-4.png");
        assertThat(ImageIO.read(new ByteArrayInputStream(client.download(list.get(1).asText())))).isNotNull();
        assertThat(TestServer.JSON.readTree(client.download(started.path("url").asText()))).hasSize(2);
    }

    @Test
    void imagesBecomeOnePdfPageEach() throws Exception {
        JsonNode body = json(client.post("/v1/pdf/convert/from/image", "{\"url\": \""
                + origin.url("images/baseball.jpg") + "," + origin.url("images/nature1.png") + "\"}"));
        assertThat(body.path("error").asBoolean()).isFalse();
        assertThat(pages(client.download(body.path("url").asText()))).isEqualTo(2);
    }

    @Test
    void aPdfGivenToFromDocComesBackAsAPdf() throws Exception {
        JsonNode body = json(client.post("/v1/pdf/convert/from/doc", "{\"url\": \"" + origin.url(FOUR_PAGES) + "\"}"));
        assertThat(body.path("error").asBoolean()).isFalse();
        assertThat(pages(client.download(body.path("url").asText()))).isEqualTo(4);
    }

    @Test
    void aFailedConversionIsA400InSyncModeAndFailedInTheJobCheck() {
        String encrypted = origin.url("bad/PasswordSample-256bit.pdf");
        HttpResponse<String> sync = client.post("/v1/pdf/convert/to/text", "{\"url\": \"" + encrypted + "\"}");
        assertThat(sync.statusCode()).isEqualTo(400);
        assertThat(json(sync).path("error").asBoolean()).isTrue();
        assertThat(json(sync).path("status").asInt()).isEqualTo(400);
        assertThat(json(sync).path("message").asText()).containsIgnoringCase("password");

        JsonNode started = json(client.post("/v1/pdf/convert/to/text",
                "{\"url\": \"" + encrypted + "\", \"async\": true}"));
        JsonNode done = client.checkUntilDone(started.path("jobId").asText());
        assertThat(done.path("status").asText()).isEqualTo("failed");
        assertThat(done.path("message").asText()).containsIgnoringCase("password");
        assertThat(done.path("credits").asInt()).isZero();
    }

    @Test
    void aPasswordOpensAnEncryptedPdfAndAWrongOneIsNamed() throws Exception {
        String encrypted = origin.url("bad/libreoffice-writer-password.pdf");
        JsonNode opened = json(client.post("/v1/pdf/convert/to/text",
                "{\"url\": \"" + encrypted + "\", \"password\": \"openpassword\", \"inline\": true}"));
        assertThat(opened.path("error").asBoolean()).isFalse();
        assertThat(opened.path("pageCount").asInt()).isEqualTo(1);
        assertThat(opened.path("body").asText()).isNotBlank();

        HttpResponse<String> wrong = client.post("/v1/pdf/convert/to/text",
                "{\"url\": \"" + encrypted + "\", \"password\": \"guess\"}");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(json(wrong).path("message").asText()).containsIgnoringCase("password");
    }

    @Test
    void toJpgAnswersOneJpegPerPage() throws Exception {
        JsonNode body = json(client.post("/v1/pdf/convert/to/jpg",
                "{\"url\": \"" + origin.url(FOUR_PAGES) + "\", \"pages\": \"1-2\"}"));
        assertThat(body.path("error").asBoolean()).isFalse();
        assertThat(body.path("pageCount").asInt()).isEqualTo(2);
        List<String> urls = new java.util.ArrayList<>();
        body.path("urls").forEach(u -> urls.add(u.asText()));
        assertThat(urls).hasSize(2).allSatisfy(u -> assertThat(u).contains(".jpg"));
        for (String u : urls) {
            byte[] jpeg = client.download(u);
            assertThat(jpeg[0] & 0xff).isEqualTo(0xff);
            assertThat(jpeg[1] & 0xff).isEqualTo(0xd8);
            assertThat(ImageIO.read(new ByteArrayInputStream(jpeg)).getWidth()).isGreaterThan(100);
        }
    }

    @Test
    void badInputIs400() {
        HttpResponse<String> noUrl = client.post("/v1/pdf/convert/to/text", "{\"name\": \"x.txt\"}");
        assertThat(noUrl.statusCode()).isEqualTo(400);
        assertThat(json(noUrl).path("message").asText()).contains("url");
        HttpResponse<String> badPages = client.post("/v1/pdf/convert/to/text",
                "{\"url\": \"" + origin.url(FOUR_PAGES) + "\", \"pages\": \"first\"}");
        assertThat(badPages.statusCode()).isEqualTo(400);
        assertThat(json(badPages).path("error").asBoolean()).isTrue();
        HttpResponse<String> forbidden = client.post("/v1/pdf/info", "{\"url\": \"http://169.254.169.254/x.pdf\"}");
        assertThat(forbidden.statusCode()).isEqualTo(400);
        assertThat(new PdfCoClient(server, null).post("/v1/pdf/info", "{\"url\": \"" + origin.url(ONE_PAGE) + "\"}")
                .statusCode()).isEqualTo(401);
    }

    static int pages(byte[] pdf) throws Exception {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            return d.getNumberOfPages();
        }
    }

    private static String text(Path pdf, int page) throws Exception {
        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            PDFTextStripper s = new PDFTextStripper();
            s.setStartPage(page);
            s.setEndPage(page);
            return s.getText(d);
        }
    }
}
