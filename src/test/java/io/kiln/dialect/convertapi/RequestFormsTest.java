package io.kiln.dialect.convertapi;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Base64;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parameters in every place ConvertAPI takes them (query, urlencoded and multipart forms, JSON,
 * a raw body), names in any case, {@code File}/{@code Files[n]} as upload, id or link, the result
 * with {@code Url} or {@code FileData}, and parameters Kiln cannot honour named, not refused.
 */
class RequestFormsTest {

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
    void multipartUploadWithStoreFileAnswersLinksThatDownload() throws Exception {
        HttpResponse<String> r = server.postMultipart("/convert/pdf/to/pdf", Multipart.form()
                .field("StoreFile", "true").field("PageRange", "2-3")
                .file("File", Corpus.file("pdf/pdflatex-4-pages.pdf")));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode file = json(r).path("Files").get(0);
        assertThat(file.path("FileName").asText()).isEqualTo("pdflatex-4-pages.pdf");
        assertThat(pages(server.getBytes(file.path("Url").asText()).body())).isEqualTo(2);
        HttpResponse<byte[]> viaD = server.getBytes("/d/" + file.path("FileId").asText() + "/pdflatex-4-pages.pdf");
        assertThat(viaD.statusCode()).isEqualTo(200);
        assertThat(viaD.body()).hasSize(file.path("FileSize").asInt());
    }

    @Test
    void urlencodedParametersInAnyCaseReferToAnUploadedFile() throws Exception {
        String fileId = upload("pdf/pdflatex-4-pages.pdf");
        HttpResponse<String> r = server.send(server.request("/convert/pdf/to/jpeg")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("file=" + fileId + "&storefile=TRUE&pagerange=1-2")).build());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode files = json(r).path("Files");
        assertThat(files).hasSize(2);
        assertThat(files.get(0).path("FileExt").asText()).isEqualTo("jpg");
        assertThat(files.get(0).path("Url").asText()).startsWith(server.base());
    }

    @Test
    void jsonParametersWithBase64DataAndFileValuesMerge() throws Exception {
        String fileId = upload("pdf/pdflatex-4-pages.pdf");
        String data = Base64.getEncoder().encodeToString(Files.readAllBytes(Corpus.file("pdf/minimal-document.pdf")));
        HttpResponse<String> r = server.postJson("/convert/pdf/to/merge", """
                {"Parameters": [
                  {"Name": "Files", "FileValues": [{"Id": "%s"}, {"Name": "min.pdf", "Data": "%s"}]},
                  {"Name": "PdfVersion", "Value": "1.7"}
                ]}""".formatted(fileId, data));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue(ConvertApiRoutes.IGNORED_HEADER)).hasValue("PdfVersion");
        JsonNode file = json(r).path("Files").get(0);
        assertThat(file.has("Url")).isFalse();
        assertThat(pages(Base64.getDecoder().decode(file.path("FileData").asText()))).isEqualTo(5);
    }

    @Test
    void indexedFilesInTheQueryAreTakenInIndexOrder() throws Exception {
        String four = upload("pdf/pdflatex-4-pages.pdf");
        String one = upload("pdf/minimal-document.pdf");
        HttpResponse<String> r = server.send(server.request("/convert/pdf/to/merge?Files[1]=" + four + "&Files[0]="
                + one + "&StoreFile=true").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).isEqualTo(200);
        byte[] merged = server.getBytes(json(r).path("Files").get(0).path("Url").asText()).body();
        try (PDDocument doc = Loader.loadPDF(merged)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(5);
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc).strip())
                    .startsWith(textOfFirstPage("pdf/minimal-document.pdf"));
        }
    }

    @Test
    void aRawBodyNamedByContentDispositionIsTheFile() {
        HttpResponse<String> r = server.send(server.request("/convert/pdf/to/txt?StoreFile=true")
                .header("Content-Type", "application/octet-stream")
                .header("Content-Disposition", "attachment; filename=\"paper.pdf\"")
                .POST(bodyOf("pdf/minimal-document.pdf")).build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("Files").get(0).path("FileName").asText()).isEqualTo("paper.txt");
    }

    @Test
    void parametersKilnCannotHonourAreNamedNotRefused() {
        HttpResponse<String> r = server.postMultipart("/convert/jpg/to/pdf", Multipart.form()
                .field("ImageResolution", "300").field("Timeout", "60").field("FileName", "scan")
                .file("File", Corpus.file("images/baseball.jpg")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue(ConvertApiRoutes.IGNORED_HEADER)).hasValue("ImageResolution");
        assertThat(json(r).path("Files").get(0).path("FileName").asText()).isEqualTo("scan.pdf");
    }

    @Test
    void timeoutLimitsTheConversionToThatManySeconds() {
        String row = "<tr><td>cell with some words in it</td><td>and another cell beside it</td></tr>";
        String page = "<html><body>" + ("<table>" + row.repeat(200) + "</table><p>"
                + "Lorem ipsum dolor sit amet. ".repeat(50) + "</p>").repeat(200) + "</body></html>";
        HttpResponse<String> r = server.postMultipart("/convert/html/to/pdf", Multipart.form().field("Timeout", "1")
                .bytes("File", "huge.html", page.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(json(r).path("Code").asInt()).isEqualTo(5000);
        assertThat(json(r).path("Message").asText()).contains("1 s");
    }

    @Test
    void uploadAnswersAFileIdUsableAsFileAndDeletable() {
        HttpResponse<String> up = server.send(server.request("/upload").header("Accept", "application/json")
                .header("Content-Disposition", "attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf")
                .POST(bodyOf("pdf/minimal-document.pdf")).build());
        assertThat(up.statusCode()).isEqualTo(200);
        JsonNode body = json(up);
        assertThat(body.path("FileName").asText()).isEqualTo("résumé.pdf");
        assertThat(body.path("FileExt").asText()).isEqualTo("pdf");
        String id = body.path("FileId").asText();

        HttpResponse<String> plain = server.send(server.request("/upload?FileName=a.pdf").header("Accept", "text/plain")
                .POST(bodyOf("pdf/minimal-document.pdf")).build());
        assertThat(plain.body()).matches("[0-9a-f-]{36}");
        // ConvertAPI's Java client: the name in ?filename=, an octet-stream body, no Accept; it reads the body as the id
        HttpResponse<String> bare = server.send(server.request("/upload?filename=b.pdf").header("Content-Type", "application/octet-stream")
                .POST(bodyOf("pdf/minimal-document.pdf")).build());
        assertThat(bare.body()).as("the answer to a client that names no type").matches("[0-9a-f-]{36}");
        HttpResponse<String> curl = server.send(server.request("/upload?filename=c.pdf").header("Accept", "*/*")
                .POST(bodyOf("pdf/minimal-document.pdf")).build());
        assertThat(json(curl).path("FileName").asText()).as("curl's */*: the documented default").isEqualTo("c.pdf");

        HttpResponse<String> unnamed = server.send(server.request("/upload").POST(bodyOf("pdf/minimal-document.pdf")).build());
        assertThat(unnamed.statusCode()).isEqualTo(400);
        assertThat(json(unnamed).path("Code").asInt()).isEqualTo(4001);

        assertThat(server.delete("/d/" + id).statusCode()).isEqualTo(200);
        assertThat(server.delete("/d/" + id).statusCode()).isEqualTo(404);
        HttpResponse<String> gone = post("/convert/pdf/to/txt?File=" + id);
        assertThat(gone.statusCode()).isEqualTo(400);
        assertThat(json(gone).path("InvalidParameters").path("File")).isNotEmpty();
    }

    @Test
    void officeDocumentsConvertWhenLibreOfficeIsThere() throws Exception {
        try (TestServer office = TestServer.start("--office-processes", "1")) {
            assumeTrue(KilnFacts.available(office, "docx", "pdf"), "docx → pdf is not available (no LibreOffice)");
            HttpResponse<String> r = office.postMultipart("/convert/docx/to/pdf", Multipart.form()
                    .field("StoreFile", "true").file("File", Corpus.file("docx/TestTableColumns.docx")));
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode file = json(r).path("Files").get(0);
            assertThat(file.path("FileName").asText()).isEqualTo("TestTableColumns.pdf");
            assertThat(pages(office.getBytes(file.path("Url").asText()).body())).isPositive();
        }
    }

    @Test
    void badRequestsAnswerInConvertApisErrorShape() {
        HttpResponse<String> unsupported = server.postMultipart("/convert/pdf/to/xyz",
                Multipart.form().file("File", Corpus.file("pdf/minimal-document.pdf")));
        assertThat(unsupported.statusCode()).isEqualTo(422);
        assertThat(json(unsupported).path("Code").asInt()).isEqualTo(4220);

        HttpResponse<String> badJson = server.postJson("/convert/pdf/to/txt", "{\"Parameters\": [");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(json(badJson).path("Code").asInt()).isEqualTo(4002);

        HttpResponse<String> noInput = post("/convert/pdf/to/txt?StoreFile=true");
        assertThat(noInput.statusCode()).isEqualTo(400);
        assertThat(json(noInput).path("Code").asInt()).isEqualTo(4000);
        assertThat(json(noInput).path("Message").asText()).isNotBlank();

        HttpResponse<String> notAFlag = post("/convert/pdf/to/txt?Async=perhaps&File=x");
        assertThat(notAFlag.statusCode()).isEqualTo(400);
        assertThat(json(notAFlag).path("InvalidParameters").has("Async")).isTrue();
    }

    /** Found by the schema-driven fuzzer (hardening/SchemaFuzzTest): each of these was a 500 or no answer. */
    @Test
    void aFilesIndexPastAnIntIs400NotA500() {
        String fileId = upload("pdf/minimal-document.pdf");
        HttpResponse<String> r = post("/convert/pdf/to/txt?File=" + fileId + "&Files%5B99999999999%5D=" + fileId);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).path("Code").asInt()).isEqualTo(4000);
        assertThat(json(r).path("InvalidParameters").has("Files[99999999999]")).as(r.body()).isTrue();
    }

    @Test
    void thousandsOfParametersKilnCannotHonourStillGetAnAnswerNamingTheFirst() {
        StringBuilder form = new StringBuilder("File=" + upload("pdf/minimal-document.pdf"));
        for (int i = 0; i < 2_000; i++) {
            form.append("&Unknown").append(i).append("=1");
        }
        HttpResponse<String> r = server.send(server.request("/convert/pdf/to/txt")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String named = r.headers().firstValue(ConvertApiRoutes.IGNORED_HEADER).orElseThrow();
        assertThat(named).startsWith("Unknown0, Unknown1, ").endsWith(" more").hasSizeLessThanOrEqualTo(
                ConvertApiRoutes.IGNORED_HEADER_MAX);
    }

    @Test
    void aConversionThatFailsOnAnOptionIs500WithAConversionCode() {
        HttpResponse<String> r = server.postMultipart("/convert/pdf/to/txt", Multipart.form()
                .field("PageRange", "5").file("File", Corpus.file("pdf/minimal-document.pdf")));
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(json(r).path("Code").asInt()).as("the code is the status and a digit").isEqualTo(5001);
        assertThat(json(r).path("Message").asText()).contains("outside the document");
    }

    private static String upload(String corpusFile) {
        HttpResponse<String> r = server.send(server.request("/upload").header("Accept", "application/json")
                .header("Content-Disposition", "inline; filename=\"" + Corpus.file(corpusFile).getFileName() + "\"")
                .POST(bodyOf(corpusFile)).build());
        assertThat(r.statusCode()).isEqualTo(200);
        return json(r).path("FileId").asText();
    }

    private static HttpResponse<String> post(String path) {
        return server.send(server.request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpRequest.BodyPublisher bodyOf(String corpusFile) {
        try {
            return HttpRequest.BodyPublishers.ofFile(Corpus.file(corpusFile));
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int pages(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return doc.getNumberOfPages();
        }
    }

    private static String textOfFirstPage(String corpusFile) throws Exception {
        try (PDDocument doc = Loader.loadPDF(Corpus.file(corpusFile).toFile())) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc).strip().lines().findFirst().orElse("");
        }
    }
}
