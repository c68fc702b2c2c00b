package io.kiln.dialect.convertapi;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.auth.ApiKeys;
import io.kiln.job.Job;
import io.kiln.testing.Corpus;
import io.kiln.testing.Origin;
import io.kiln.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every request of seeds 003 and 004 (ConvertAPI's asynchronous conversions), changed only in the
 * host: {@code example.com} is a local server, and the conversion is the seed's docx → pdf when
 * LibreOffice is available, else pdf → pdf from the same URL; and in the key: the server has keys,
 * the seeds' {@code Secret=XXX} becomes a real one, and the polls and deletes stay key-less as the
 * seeds write them (the job id is the capability).
 */
class SeedExamplesTest {

    private static final String SEED_JOB_ID = "d3bd2056-4330-4cf3-9b18-483a2412dd6b";

    @TempDir
    static Path data;
    private static Origin origin;
    private static TestServer server;
    private static String source;
    private static String secret;

    @BeforeAll
    static void start() {
        secret = ApiKeys.load(data.resolve("keys")).create("seeds").key();
        origin = new Origin().serve("/myfile.docx", Corpus.file("docx/TestTableColumns.docx"))
                .serve("/myfile.pdf", Corpus.file("pdf/pdflatex-4-pages.pdf"))
                .serve("/WaitingForWebHook", Corpus.file("txt/lorem-ipsum.txt"));
        server = TestServer.startOn(data, "--allow-hosts", "127.0.0.1", "--office-processes", "1");
        source = KilnFacts.available(server, "docx", "pdf") ? "docx" : "pdf";
    }

    @AfterAll
    static void stop() {
        server.close();
        origin.close();
    }

    private static String file() {
        return origin.url("/myfile." + source);
    }

    @Test
    void pollingAnAsynchronousConversion() throws Exception {
        HttpResponse<String> accepted = post("/convert/" + source + "/to/pdf?Secret=" + secret + "&Async=true&File=" + file());
        assertThat(accepted.statusCode()).isEqualTo(200);
        JsonNode body = json(accepted);
        assertThat(names(body)).containsExactly("JobId");
        String id = body.path("JobId").asText();
        assertThat(JobIds.parse(id)).hasValue(id);

        HttpResponse<String> result = pollUntilDone(id);
        assertThat(result.statusCode()).isEqualTo(200);
        JsonNode file = assertConversionResult(json(result));
        assertThat(names(file)).containsExactly("FileName", "FileExt", "FileSize", "FileId", "Url");
        HttpResponse<byte[]> pdf = server.sendForBytes(HttpRequest.newBuilder(URI.create(file.path("Url").asText())).build());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.body()).hasSize(file.path("FileSize").asInt());
        assertIsPdf(pdf.body());
    }

    @Test
    void theWebHookIsCalledWithTheJobIdWhenTheConversionEnds() {
        String hook = origin.url("/WaitingForWebHook");
        HttpResponse<String> accepted = post("/convert/" + source + "/to/pdf?Secret=" + secret + "&Async=true&WebHook=" + hook
                + "&File=" + file());
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(names(json(accepted))).containsExactly("JobId");
        String id = json(accepted).path("JobId").asText();
        Job job = server.kiln().jobs().find("seeds", id).orElseThrow();
        assertThat(job.webhook()).isEqualTo(hook);
        assertThat(job.dialect()).isEqualTo("convertapi");

        await().atMost(Duration.ofSeconds(30)).until(() ->
                origin.requests().contains("GET /WaitingForWebHook?JobId=" + id));
        assertThat(server.get("/job/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void semiAsynchronousConversionThenPollThenDelete() throws Exception {
        HttpResponse<String> sync = post("/convert/" + source + "/to/pdf?Secret=" + secret + "&JobId=" + SEED_JOB_ID
                + "&File=" + file());
        assertThat(sync.statusCode()).isEqualTo(200);
        JsonNode inline = assertConversionResult(json(sync));
        assertThat(names(inline)).containsExactly("FileName", "FileExt", "FileSize", "FileData"); // StoreFile=false
        assertIsPdf(Base64.getDecoder().decode(inline.path("FileData").asText()));

        HttpResponse<String> polled = server.get("/job/" + SEED_JOB_ID);
        assertThat(polled.statusCode()).isEqualTo(200);
        assertThat(assertConversionResult(json(polled)).path("FileSize").asLong())
                .isEqualTo(inline.path("FileSize").asLong());

        assertThat(server.delete("/job/" + SEED_JOB_ID).statusCode()).isEqualTo(200);
        assertThat(server.delete("/job/" + SEED_JOB_ID).statusCode()).isEqualTo(404);
        HttpResponse<String> gone = server.get("/job/" + SEED_JOB_ID);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(json(gone).path("Code").asInt()).isEqualTo(4040);
        assertThat(json(gone).path("Message").asText()).isNotBlank();
    }

    @Test
    void aWrongKeyOnAPollIsStillRefusedAndAnotherTenantsKeyFindsNothing() throws Exception {
        String id = json(post("/convert/pdf/to/pdf?Secret=" + secret + "&Async=true&File="
                + origin.url("/myfile.pdf"))).path("JobId").asText();
        assertThat(server.get("/job/" + id + "?Secret=wrong").statusCode()).isEqualTo(401);
        String other = ApiKeys.load(data.resolve("keys")).create("someone-else").key();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                server.get("/job/" + id + "?Secret=" + other).statusCode() != 401); // the keys file is re-read
        assertThat(server.get("/job/" + id + "?Secret=" + other).statusCode()).isEqualTo(404);
        assertThat(server.delete("/job/" + id + "?Secret=" + other).statusCode()).isEqualTo(404);
        assertThat(pollUntilDone(id).statusCode()).isEqualTo(200);
        assertThat(server.get("/job/" + id + "?Secret=" + secret).statusCode()).isEqualTo(200);
    }

    @Test
    void anInvalidOrUnknownJobIdIsNotFound() {
        assertThat(server.get("/job/not-a-uuid").statusCode()).isEqualTo(404);
        assertThat(server.get("/job/0b1e0c3a-9d7e-4f0e-8a55-3c1c4f1b2d90").statusCode()).isEqualTo(404);
        assertThat(server.delete("/job/0b1e0c3a-9d7e-4f0e-8a55-3c1c4f1b2d90").statusCode()).isEqualTo(404);
    }

    @Test
    void theCurrentAsyncPathsAreAliases() {
        HttpResponse<String> accepted = post("/async/convert/" + source + "/to/pdf?Secret=" + secret + "&File=" + file());
        assertThat(accepted.statusCode()).isEqualTo(200);
        String id = json(accepted).path("JobId").asText();
        HttpResponse<String> done = SeedPolls.untilDone(server, "/async/job/", id);
        assertThat(done.statusCode()).isEqualTo(200);
        assertConversionResult(json(done));
        assertThat(server.delete("/async/job/" + id).statusCode()).isEqualTo(200);
        assertThat(server.get("/async/job/" + id).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> post(String pathAndQuery) {
        return server.send(server.request(pathAndQuery).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpResponse<String> pollUntilDone(String id) {
        return SeedPolls.untilDone(server, id);
    }


    /** The sync/poll result shape of the seeds and ConvertAPI's docs; returns its one file. */
    private static JsonNode assertConversionResult(JsonNode result) {
        assertThat(names(result)).containsExactly("ConversionCost", "ConversionTime", "Files");
        assertThat(result.path("ConversionCost").isIntegralNumber()).isTrue();
        assertThat(result.path("ConversionTime").isIntegralNumber()).isTrue();
        assertThat(result.path("Files")).hasSize(1);
        JsonNode file = result.path("Files").get(0);
        assertThat(file.path("FileName").asText()).isEqualTo("myfile.pdf");
        assertThat(file.path("FileExt").asText()).isEqualTo("pdf");
        assertThat(file.path("FileSize").asLong()).isPositive();
        return file;
    }

    private static void assertIsPdf(byte[] bytes) throws Exception {
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            assertThat(doc.getNumberOfPages()).isPositive();
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
