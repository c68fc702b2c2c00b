package io.kiln.api;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.awt.image.BufferedImage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The html engine through the native API and the dialects: a page with its assets, Markdown, web pages
 * (Chromium only), and which renderer {@code /v1/formats} names.
 */
class HtmlApiTest {

    private static final boolean CHROMIUM = Files.isExecutable(Path.of("/usr/bin/chromium"));

    @TempDir
    Path dir;

    @Test
    void aPageUploadedWithItsImageRendersBothWithTheJavaRenderer() throws Exception {
        try (TestServer server = TestServer.start()) {
            assertThat(json(server.get("/v1/formats")).path("engines").path("html").path("renderer").asText())
                    .isEqualTo("openhtmltopdf");
            pageWithImage(server);
        }
    }

    @Test
    void aPageUploadedWithItsImageRendersBothInChromium() throws Exception {
        assumeThat(CHROMIUM).as("chromium installed").isTrue();
        try (TestServer server = TestServer.start("--browsers", "1")) {
            assertThat(json(server.get("/v1/formats")).path("engines").path("html").path("renderer").asText())
                    .isEqualTo("chromium");
            pageWithImage(server);
        }
    }

    private void pageWithImage(TestServer server) throws Exception {
        String html = "<!doctype html><html><head><meta charset=utf-8><link rel=stylesheet href=\"site.css\"></head>"
                + "<body><h1>Quarterly kiln report</h1><img src=\"logo.png\" width=120 height=60></body></html>";
        JsonNode job = server.convert(Multipart.form()
                .bytes("file", "report.html", html.getBytes(StandardCharsets.UTF_8))
                .bytes("file", "logo.png", png())
                .bytes("file", "site.css", "h1 { color: #a33; }".getBytes(StandardCharsets.UTF_8))
                .field("to", "pdf"));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("success");
        assertThat(job.path("outputs").get(0).path("name").asText()).isEqualTo("report.pdf");
        try (PDDocument pdf = download(server, job)) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            assertThat(new PDFTextStripper().getText(pdf)).contains("Quarterly kiln report");
            assertThat(images(pdf.getPage(0))).as("the uploaded logo is drawn").isPositive();
        }
    }

    @Test
    void markdownBecomesPdfAndHtml() throws Exception {
        try (TestServer server = TestServer.start()) {
            JsonNode pdfJob = server.convert(Multipart.form().file("file", Corpus.file("md/testMARKDOWN.md"))
                    .field("to", "pdf"));
            assertThat(pdfJob.path("status").asText()).as(pdfJob.toString()).isEqualTo("success");
            try (PDDocument pdf = download(server, pdfJob)) {
                assertThat(pdf.getNumberOfPages()).isPositive();
                assertThat(new PDFTextStripper().getText(pdf)).isNotBlank();
            }
            JsonNode htmlJob = server.convert(Multipart.form().file("file", Corpus.file("md/testMARKDOWN.md"))
                    .field("to", "html"));
            assertThat(htmlJob.path("status").asText()).as(htmlJob.toString()).isEqualTo("success");
            String html = new String(server.getBytes(htmlJob.path("outputs").get(0).path("url").asText()).body(),
                    StandardCharsets.UTF_8);
            assertThat(html).containsIgnoringCase("<html").contains("<h1");
        }
    }

    @Test
    void withoutABrowserAWebPageAnswers501AndSaysWhy() {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> r = server.postJson("/v1/jobs",
                    "{\"to\":\"pdf\",\"from\":\"url\",\"url\":\"https://example.com/\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(501);
            assertThat(json(r).path("code").asText()).isEqualTo("engine_unavailable");
        }
    }

    @Test
    void aWebPageOnAnAllowedHostIsPrintedAndAForbiddenOneRefused() throws Exception {
        assumeThat(CHROMIUM).as("chromium installed").isTrue();
        AtomicInteger hits = new AtomicInteger();
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] body = "<html><body><p>Served from the test site</p></body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        site.start();
        String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/page";
        try (TestServer allowed = TestServer.start("--browsers", "1", "--allow-hosts", "127.0.0.1")) {
            JsonNode job = allowed.awaitEnd(json(allowed.postJson("/v1/jobs",
                    "{\"to\":\"pdf\",\"from\":\"url\",\"url\":\"" + url + "\"}")).path("id").asText());
            assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("success");
            try (PDDocument pdf = download(allowed, job)) {
                assertThat(new PDFTextStripper().getText(pdf)).contains("Served from the test site");
            }
        }
        int before = hits.get();
        try (TestServer strict = TestServer.start("--browsers", "1")) {
            HttpResponse<String> r = strict.postJson("/v1/jobs", "{\"to\":\"pdf\",\"from\":\"url\",\"url\":\"" + url + "\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(json(r).path("code").asText()).isEqualTo("url_forbidden");
        } finally {
            site.stop(0);
        }
        assertThat(hits.get()).isEqualTo(before);
    }

    @Test
    void pdfCoAndConvertApiClientsPrintHtml() throws Exception {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> pdfCo = server.postJson("/v1/pdf/convert/from/html",
                    "{\"html\":\"<h2>Invoice 42</h2><p>Due in thirty days</p>\",\"name\":\"invoice\",\"async\":false}");
            assertThat(pdfCo.statusCode()).as(pdfCo.body()).isEqualTo(200);
            JsonNode answer = json(pdfCo);
            assertThat(answer.path("error").asBoolean()).isFalse();
            try (PDDocument pdf = Loader.loadPDF(server.getBytes(answer.path("url").asText()).body())) {
                assertThat(new PDFTextStripper().getText(pdf)).contains("Invoice 42");
            }

            HttpResponse<String> convertApi = server.postMultipart("/convert/html/to/pdf", Multipart.form()
                    .bytes("File", "note.html", "<p>Kiln speaks ConvertAPI</p>".getBytes(StandardCharsets.UTF_8)));
            assertThat(convertApi.statusCode()).as(convertApi.body()).isEqualTo(200);
            JsonNode file = json(convertApi).path("Files").get(0);
            assertThat(file.path("FileName").asText()).isEqualTo("note.pdf");
            // without StoreFile=true ConvertAPI answers with the file inline
            try (PDDocument pdf = Loader.loadPDF(java.util.Base64.getDecoder().decode(file.path("FileData").asText()))) {
                assertThat(new PDFTextStripper().getText(pdf)).contains("Kiln speaks ConvertAPI");
            }
        }
    }

    private static PDDocument download(TestServer server, JsonNode job) throws Exception {
        return Loader.loadPDF(server.getBytes(job.path("outputs").get(0).path("url").asText()).body());
    }

    private static int images(PDPage page) throws Exception {
        int n = 0;
        for (COSName name : page.getResources().getXObjectNames()) {
            if (page.getResources().getXObject(name) instanceof PDImageXObject) {
                n++;
            }
        }
        return n;
    }

    private static byte[] png() throws Exception {
        BufferedImage img = new BufferedImage(120, 60, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(java.awt.Color.ORANGE);
        g.fillRect(0, 0, 120, 60);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
