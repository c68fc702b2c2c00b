package io.kiln.app;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.config.ConfigLoader;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each dialect can be moved under a path of the operator's choosing; its links follow it. */
class DialectPrefixTest {

    @Test
    void eachDialectAnswersUnderItsPrefixAndNoLongerAtTheRoot() {
        try (TestServer server = TestServer.start("--convertapi-prefix", "/convertapi", "--pdfco-prefix", "/pdfco/",
                "--pdfrest-prefix", "/x/pdfrest")) {
            Multipart pdf = Multipart.form().file("File", Corpus.file("pdf/minimal-document.pdf")).field("StoreFile", "true");
            var converted = server.postMultipart("/convertapi/convert/pdf/to/txt", pdf);
            assertThat(converted.statusCode()).isEqualTo(200);
            String url = json(converted).path("Files").get(0).path("Url").asText();
            assertThat(server.sendForBytes(HttpRequest.newBuilder(URI.create(url)).build()).statusCode()).isEqualTo(200);
            assertThat(server.postMultipart("/convert/pdf/to/txt",
                    Multipart.form().file("File", Corpus.file("pdf/minimal-document.pdf"))).statusCode()).isEqualTo(404);

            var uploaded = server.send(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                    .into(server.request("/pdfco/v1/file/upload")).build());
            assertThat(uploaded.statusCode()).isEqualTo(200);
            JsonNode info = json(server.postJson("/pdfco/v1/pdf/info",
                    "{\"url\": \"" + json(uploaded).path("url").asText() + "\"}"));
            assertThat(info.path("info").path("PageCount").asInt()).isEqualTo(1);
            assertThat(server.postJson("/v1/job/check", "{\"jobid\": \"x\"}").statusCode()).isEqualTo(404);

            var started = server.send(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                    .field("format", "txt").into(server.request("/x/pdfrest/convert")).build());
            assertThat(started.statusCode()).isEqualTo(200);
            String id = json(started).path("id").asText();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                    server.get("/x/pdfrest/request-status/" + id).statusCode() == 200);
            assertThat(server.get("/request-status/" + id).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aPrefixThatIsNoPathIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--pdfco-prefix", "pdfco"}, Map.of()))
                .hasMessage("--pdfco-prefix: 'pdfco' is not a path prefix (use e.g. /convertapi)");
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--pdfrest-prefix", "/a/../b"}, Map.of()))
                .hasMessageStartingWith("--pdfrest-prefix:");
    }
}
