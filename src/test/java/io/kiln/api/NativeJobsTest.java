package io.kiln.api;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The native job API over real HTTP, with the real PDF engine on corpus files. */
class NativeJobsTest {

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
    void asyncJobIsAcceptedPolledAndItsOutputDownloaded() throws Exception {
        HttpResponse<String> created = server.postMultipart("/v1/jobs", Multipart.form()
                .file("file", Corpus.file("pdf/pdflatex-4-pages.pdf")).field("to", "txt").field("pages", "2-3"));
        assertThat(created.statusCode()).isEqualTo(202);
        JsonNode job = json(created);
        assertThat(created.headers().firstValue("Location")).hasValue("/v1/jobs/" + job.path("id").asText());
        assertThat(job.path("status").asText()).isIn("queued", "working", "success");
        assertThat(job.path("from").asText()).isEqualTo("pdf");
        assertThat(job.path("options").path("pages").asText()).isEqualTo("2-3");

        JsonNode done = server.awaitEnd(job.path("id").asText());
        assertThat(done.path("status").asText()).isEqualTo("success");
        assertThat(done.path("attempts").asInt()).isEqualTo(1);
        assertThat(done.path("durationMs").isNumber()).isTrue();
        assertThat(done.path("expiresAt").asText()).isNotEmpty();
        JsonNode out = done.path("outputs").get(0);
        assertThat(out.path("ext").asText()).isEqualTo("txt");
        assertThat(out.path("name").asText()).isEqualTo("pdflatex-4-pages.txt");
        assertThat(out.path("sha256").asText()).hasSize(64);

        HttpResponse<String> text = server.get("/v1/jobs/" + job.path("id").asText() + "/output");
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        String expected = expectedText(Corpus.file("pdf/pdflatex-4-pages.pdf"), 2, 3);
        assertThat(text.body().replaceAll("\\s+", " ").trim()).isEqualTo(expected.replaceAll("\\s+", " ").trim());
        assertThat(out.path("size").asLong()).isEqualTo(text.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);

        // the signed link works without a key and cannot be altered
        String url = out.path("url").asText();
        assertThat(server.send(HttpRequest.newBuilder(java.net.URI.create(url)).GET().build()).body()).isEqualTo(text.body());
        // one character of the signature changed (to another: "A" when it was not, else "B")
        String altered = url.replaceAll("sig=A", "sig=B").equals(url) ? url.replaceAll("sig=.", "sig=A")
                : url.replaceAll("sig=A", "sig=B");
        assertThat(altered).isNotEqualTo(url);
        assertThat(server.send(HttpRequest.newBuilder(java.net.URI.create(altered)).GET().build())
                .statusCode()).isEqualTo(404);
    }

    private static String expectedText(java.nio.file.Path pdf, int first, int last) throws Exception {
        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            PDFTextStripper s = new PDFTextStripper();
            s.setStartPage(first);
            s.setEndPage(last);
            return s.getText(d);
        }
    }

    @Test
    void preferWaitAnswersWithTheFinishedJob() {
        HttpResponse<String> r = server.send(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                .field("to", "info").into(server.request("/v1/jobs")).header("Prefer", "wait=20").build());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode job = json(r);
        assertThat(job.path("status").asText()).isEqualTo("success");
        JsonNode info = json(server.get("/v1/jobs/" + job.path("id").asText() + "/output"));
        assertThat(info.path("pageCount").asInt()).isEqualTo(1);
        assertThat(info.path("encrypted").asBoolean()).isFalse();
    }

    @Test
    void oneShotConvertStreamsTheResultBack() throws Exception {
        HttpResponse<byte[]> r = server.sendForBytes(Multipart.form()
                .file("file", Corpus.file("images/baseball.jpg")).into(server.request("/v1/convert/pdf")).build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(r.headers().firstValue("Kiln-Job-Id")).isPresent();
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).contains("baseball.pdf");
        try (PDDocument d = Loader.loadPDF(r.body())) {
            assertThat(d.getNumberOfPages()).isEqualTo(1);
            float ratio = d.getPage(0).getMediaBox().getWidth() / d.getPage(0).getMediaBox().getHeight();
            assertThat(ratio).isCloseTo(512f / 355f, org.assertj.core.data.Offset.offset(0.01f));
        }
    }

    @Test
    void severalOutputsComeAsAZipOrOneByOne() throws Exception {
        JsonNode job = server.convert(Multipart.form().file("file", Corpus.file("pdf/pdflatex-4-pages.pdf"))
                .field("to", "png").field("dpi", "36").field("pages", "1,!1"));
        assertThat(job.path("status").asText()).isEqualTo("success");
        assertThat(job.path("outputs")).hasSize(2);
        String id = job.path("id").asText();
        HttpResponse<byte[]> zip = server.getBytes("/v1/jobs/" + id + "/output");
        assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
        int entries = 0;
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            while (in.getNextEntry() != null) {
                entries++;
            }
        }
        assertThat(entries).isEqualTo(2);
        HttpResponse<byte[]> second = server.getBytes("/v1/jobs/" + id + "/output/2");
        var img = javax.imageio.ImageIO.read(new ByteArrayInputStream(second.body()));
        assertThat(img.getWidth()).isBetween(297, 298); // A4, 8.27 in at 36 dpi
        assertThat(server.get("/v1/jobs/" + id + "/output/3").statusCode()).isEqualTo(404);
    }

    @Test
    void uploadedFilesAreReusedById() {
        HttpResponse<String> up = server.postMultipart("/v1/files",
                Multipart.form().file("file", Corpus.file("pdf/cweb.pdf")));
        assertThat(up.statusCode()).isEqualTo(201);
        String fileId = json(up).path("fileId").asText();
        assertThat(json(up).path("ext").asText()).isEqualTo("pdf");
        for (String pages : new String[] {"1", "2-3"}) {
            HttpResponse<String> r = server.postJson("/v1/jobs",
                    "{\"to\":\"split\",\"fileId\":\"" + fileId + "\",\"options\":{\"pages\":\"" + pages + "\"}}");
            assertThat(r.statusCode()).isEqualTo(202);
            JsonNode done = server.awaitEnd(json(r).path("id").asText());
            assertThat(done.path("status").asText()).isEqualTo("success");
            assertThat(done.path("outputs")).hasSize(1);
        }
        HttpRequest raw = server.request("/v1/files?name=again.pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'%', 'P'})).build();
        assertThat(server.send(raw).statusCode()).isEqualTo(201);
    }

    @Test
    void aClientJobIdIsIdempotent() {
        String id = UUID.randomUUID().toString();
        Multipart same = Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                .field("to", "info").field("jobId", id);
        HttpResponse<String> first = server.postMultipart("/v1/jobs", same);
        server.awaitEnd(id);
        HttpResponse<String> again = server.postMultipart("/v1/jobs", Multipart.form()
                .file("file", Corpus.file("pdf/minimal-document.pdf")).field("to", "info").field("jobId", id));
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(json(again).path("status").asText()).isEqualTo("success");
        assertThat(json(again).path("outputs").get(0).path("fileId").asText())
                .isEqualTo(server.awaitEnd(id).path("outputs").get(0).path("fileId").asText());

        HttpResponse<String> different = server.postMultipart("/v1/jobs", Multipart.form()
                .file("file", Corpus.file("pdf/minimal-document.pdf")).field("to", "txt").field("jobId", id));
        assertThat(different.statusCode()).isEqualTo(409);
        assertThat(json(different).path("code").asText()).isEqualTo("conflict");

        HttpResponse<String> byHeader = server.send(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                .field("to", "info").into(server.request("/v1/jobs")).header("Idempotency-Key", id).build());
        assertThat(json(byHeader).path("id").asText()).isEqualTo(id);
    }

    @Test
    void listsJobsNewestFirstAndFiltersByStatus() {
        String a = json(server.postMultipart("/v1/jobs", Multipart.form()
                .file("file", Corpus.file("pdf/minimal-document.pdf")).field("to", "info"))).path("id").asText();
        server.awaitEnd(a);
        JsonNode list = json(server.get("/v1/jobs?status=success&limit=100"));
        assertThat(list.path("jobs").findValuesAsText("id")).contains(a);
        assertThat(list.path("jobs").findValuesAsText("status")).containsOnly("success");
        assertThat(server.get("/v1/jobs?status=bogus").statusCode()).isEqualTo(400);
    }

    @Test
    void deleteRemovesTheJobAndItsFiles() {
        JsonNode job = server.convert(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf")).field("to", "txt"));
        String id = job.path("id").asText();
        String url = job.path("outputs").get(0).path("url").asText();
        assertThat(server.delete("/v1/jobs/" + id).statusCode()).isEqualTo(204);
        assertThat(server.get("/v1/jobs/" + id).statusCode()).isEqualTo(404);
        assertThat(server.send(HttpRequest.newBuilder(java.net.URI.create(url)).GET().build()).statusCode()).isEqualTo(404);
        assertThat(server.delete("/v1/jobs/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void aListPageOutsideItsRangeIsRefusedNotClamped() {
        for (String query : new String[] {"limit=-1", "limit=0", "limit=101", "limit=ten", "offset=-5"}) {
            HttpResponse<String> r = server.get("/v1/jobs?" + query);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(json(r).path("code").asText()).isEqualTo("bad_request");
            assertThat(json(r).path("detail").asText()).as(query).contains(query.substring(0, query.indexOf('=')));
        }
        assertThat(server.get("/v1/jobs?limit=100&offset=0").statusCode()).isEqualTo(200);
    }

    @Test
    void badRequestsAreProblemsAndCreateNoJob() {
        long before = json(server.get("/v1/jobs?limit=100")).path("jobs").size();
        HttpResponse<String> malformed = server.postJson("/v1/jobs", "{\"to\": \"pdf\", ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(malformed).path("code").asText()).isEqualTo("malformed_body");

        HttpResponse<String> brokenMultipart = server.send(server.request("/v1/jobs")
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString("--xyz\r\nContent-Disposition: form-data; name=\"file\"; fil"))
                .build());
        assertThat(brokenMultipart.statusCode()).isEqualTo(400);
        assertThat(json(brokenMultipart).path("code").asText()).isEqualTo("malformed_body");

        HttpResponse<String> unknownOption = server.postMultipart("/v1/jobs", Multipart.form()
                .file("file", Corpus.file("pdf/minimal-document.pdf")).field("to", "txt").field("colour", "red"));
        assertThat(unknownOption.statusCode()).isEqualTo(400);
        assertThat(json(unknownOption).path("code").asText()).isEqualTo("unknown_option");
        assertThat(json(unknownOption).path("detail").asText()).contains("colour");

        HttpResponse<String> badValue = server.postMultipart("/v1/jobs", Multipart.form()
                .file("file", Corpus.file("pdf/minimal-document.pdf")).field("to", "png").field("dpi", "9000"));
        assertThat(json(badValue).path("code").asText()).isEqualTo("invalid_option");

        HttpResponse<String> noTarget = server.postMultipart("/v1/jobs", Multipart.form()
                .file("file", Corpus.file("pdf/minimal-document.pdf")));
        assertThat(noTarget.statusCode()).isEqualTo(400);

        HttpResponse<String> impossible = server.postMultipart("/v1/jobs", Multipart.form()
                .file("file", Corpus.file("images/baseball.jpg")).field("to", "split"));
        assertThat(json(impossible).path("code").asText()).isEqualTo("unsupported_conversion");

        HttpResponse<String> missingFile = server.postJson("/v1/jobs", "{\"to\":\"txt\",\"fileId\":\"nope\"}");
        assertThat(missingFile.statusCode()).isEqualTo(404);

        assertThat(json(server.get("/v1/jobs?limit=100")).path("jobs").size()).isEqualTo(before);
        assertThat(server.get("/v1/jobs/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(server.get("/v1/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void longPollAnswersWhenTheJobEndsNotWhenTheWaitRunsOut() {
        HttpResponse<String> created = server.postMultipart("/v1/jobs", Multipart.form()
                .file("file", Corpus.file("pdf/tracemonkey.pdf")).field("to", "png").field("dpi", "72"));
        String id = json(created).path("id").asText();
        long start = System.nanoTime();
        JsonNode job = json(server.get("/v1/jobs/" + id + "?wait=50"));
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(job.path("status").asText()).isEqualTo("success");
        assertThat(job.path("outputs")).hasSize(14);
        // answered by the job's end, long before the 50 s wait ran out
        assertThat(waitedMs).isLessThan(45_000);
        JsonNode quick = json(server.get("/v1/jobs/" + id + "?wait=0"));
        assertThat(quick.path("status").asText()).isEqualTo("success");
    }
}
