package io.kiln.dialect.pdfco;

import static io.kiln.dialect.pdfco.PdfCoConversionTest.pages;
import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.auth.ApiKeys;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads and chaining: a link Kiln answered (upload, output, async result) passed back as {@code url}
 * is resolved to the stored file. The server has no allow-list, so a fetch of it would be refused.
 */
class ChainingTest {

    @Test
    void uploadedAndOutputLinksAreInputsWithoutAFetch(@TempDir Path data) throws Exception {
        ApiKeys keys = ApiKeys.load(data.resolve("keys"));
        String alice = keys.create("alice").key();
        String bob = keys.create("bob").key();
        try (TestServer server = TestServer.startOn(data)) {
            PdfCoClient client = new PdfCoClient(server, alice);
            HttpResponse<String> up = server.send(Multipart.form().file("file", Corpus.file("pdf/pdflatex-4-pages.pdf"))
                    .into(server.request("/v1/file/upload")).header("x-api-key", alice).build());
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(json(up).path("error").asBoolean()).isFalse();
            assertThat(json(up).path("name").asText()).isEqualTo("pdflatex-4-pages.pdf");
            String uploaded = json(up).path("url").asText();

            JsonNode split = json(client.post("/v1/pdf/split", "{\"url\": \"" + uploaded + "\", \"pages\": \"2-4\"}"));
            assertThat(split.path("error").asBoolean()).as(split.toString()).isFalse();
            String part = split.path("urls").get(0).asText();

            JsonNode info = json(client.post("/v1/pdf/info", "{\"url\": \"" + part + "\"}"));
            assertThat(info.path("info").path("PageCount").asInt()).as(info.toString()).isEqualTo(3);

            JsonNode async = json(client.post("/v1/pdf/merge", "{\"url\": \"" + part + "," + uploaded
                    + "\", \"async\": true}"));
            assertThat(client.checkUntilDone(async.path("jobId").asText()).path("status").asText()).isEqualTo("success");
            JsonNode again = json(client.post("/v1/pdf/merge", "{\"url\": \"" + async.path("url").asText() + ","
                    + part + "\"}"));
            assertThat(again.path("error").asBoolean()).as(again.toString()).isFalse();
            assertThat(pages(client.download(again.path("url").asText()))).isEqualTo(7 + 3);

            // another tenant's links are not resolved for it (and not fetchable either)
            HttpResponse<String> foreign = new PdfCoClient(server, bob).post("/v1/pdf/info",
                    "{\"url\": \"" + uploaded + "\"}");
            assertThat(foreign.statusCode()).isEqualTo(400);
            assertThat(json(foreign).path("error").asBoolean()).isTrue();
        }
    }
}
