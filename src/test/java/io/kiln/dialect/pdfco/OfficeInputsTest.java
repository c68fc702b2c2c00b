package io.kiln.dialect.pdfco;

import static io.kiln.dialect.pdfco.PdfCoConversionTest.pages;
import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code from/doc} and {@code from/html}, where the server can convert office documents and HTML. */
class OfficeInputsTest {

    static TestServer server;
    static CorpusOrigin origin;
    static PdfCoClient client;

    @BeforeAll
    static void start() {
        origin = new CorpusOrigin();
        server = TestServer.start("--allow-hosts", "127.0.0.1", "--office-processes", "1");
        client = new PdfCoClient(server, null);
    }

    @AfterAll
    static void stop() {
        server.close();
        origin.close();
    }

    @Test
    void aDocUrlBecomesAPdf() throws Exception {
        assumeTrue(Formats.available(server, "doc", "pdf"), "doc → pdf is not available here");
        JsonNode body = json(client.post("/v1/pdf/convert/from/doc",
                "{\"url\": \"" + origin.url("doc/lorem-ipsum.doc") + "\", \"name\": \"lorem.pdf\"}"));
        assertThat(body.path("error").asBoolean()).as(body.toString()).isFalse();
        assertThat(body.path("name").asText()).isEqualTo("lorem.pdf");
        assertThat(pages(client.download(body.path("url").asText()))).isPositive();
    }

    @Test
    void htmlTextBecomesAPdf() throws Exception {
        assumeTrue(Formats.available(server, "html", "pdf"), "html → pdf is not available here");
        JsonNode body = json(client.post("/v1/pdf/convert/from/html",
                "{\"html\": \"<h1>Hello</h1><p>from PDF.co's html parameter</p>\", \"name\": \"hello.pdf\"}"));
        assertThat(body.path("error").asBoolean()).as(body.toString()).isFalse();
        assertThat(pages(client.download(body.path("url").asText()))).isEqualTo(1);
    }
}
