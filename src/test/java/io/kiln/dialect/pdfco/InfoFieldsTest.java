package io.kiln.dialect.pdfco;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.api.Json;
import io.kiln.auth.ApiKeys;
import io.kiln.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PDF.co's {@code /v1/pdf/info/fields} as its "PDF Forms Info Reader" samples call it (a form body with
 * {@code url}, or JSON with {@code async}), read as they read it: {@code info.FieldsInfo.Fields[].FieldName}
 * and {@code .Value}.
 */
class InfoFieldsTest {

    /** Three fields: Name (text), Check (checkbox), Submit (push button), on its one page. */
    private static final String FORM = "pdf/pdflatex-forms.pdf";
    /** A filled IRS 1040 of two pages, over 200 fields. */
    private static final String TAX = "pdf/prefilled_f1040.pdf";

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

    private static List<String> all(JsonNode fields, String name) {
        List<String> out = new ArrayList<>();
        fields.forEach(f -> out.add(f.path(name).asText()));
        return out;
    }

    @Test
    void aSyncCallAnswersTheInfoWithEveryFieldUnderPdfCosNames() {
        JsonNode body = json(client.post("/v1/pdf/info/fields", "{\"url\": \"" + origin.url(FORM) + "\"}"));
        assertThat(body.path("error").asBoolean(true)).isFalse();
        assertThat(body.path("status").asInt()).isEqualTo(200);
        assertThat(body.path("pageCount").asInt()).isEqualTo(1);
        assertThat(body.path("remainingCredits").isNumber()).isTrue();
        JsonNode info = body.path("info");
        assertThat(info.path("PageCount").asInt()).as("the /v1/pdf/info keys too").isEqualTo(1);
        assertThat(info.path("HasForm").asBoolean()).isTrue();
        JsonNode fields = info.path("FieldsInfo").path("Fields");
        assertThat(all(fields, "FieldName")).containsExactly("Name", "Check", "Submit");
        assertThat(all(fields, "Type")).containsExactly("EditBox", "CheckBox", "PushButton");
        assertThat(all(fields, "PageIndex")).containsOnly("0");
        assertThat(fields.get(0).path("PageIndex").isInt()).isTrue();
        assertThat(fields.get(1).path("Value").asText()).as("an unticked box").isEqualTo("Off");
        assertThat(fields.get(0).fieldNames()).toIterable()
                .containsExactly("PageIndex", "Type", "FieldName", "AltFieldName", "Value");
    }

    @Test
    void theSamplesFormPostReadsAFilledFormsValues() {
        // the cURL and PHP samples post url as a form field, without async
        JsonNode body = json(client.postForm("/v1/pdf/info/fields", "url", origin.url(TAX)));
        JsonNode fields = body.path("info").path("FieldsInfo").path("Fields");
        assertThat(fields.size()).isGreaterThan(200);
        assertThat(all(fields, "Value")).contains("foobar", "Yes");
        assertThat(all(fields, "PageIndex")).contains("0", "1").doesNotContain("2");
        assertThat(body.path("info").path("PageCount").asInt()).isEqualTo(2);
    }

    @Test
    void anAsyncCallIsCheckedAndItsResultLinkServesTheSameInfo() {
        JsonNode started = json(client.post("/v1/pdf/info/fields", "{\"async\": true, \"url\": \"" + origin.url(FORM) + "\"}"));
        assertThat(started.path("error").asBoolean(true)).isFalse();
        JsonNode done = client.checkUntilDone(started.path("jobId").asText());
        assertThat(done.path("status").asText()).isEqualTo("success");
        assertThat(done.path("pageCount").asInt()).isEqualTo(1);
        JsonNode info = Json.parse(new String(client.download(done.path("url").asText()), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(all(info.path("FieldsInfo").path("Fields"), "FieldName")).containsExactly("Name", "Check", "Submit");
    }

    @Test
    void plainInfoHasNoFieldsInfo() {
        JsonNode body = json(client.post("/v1/pdf/info", "{\"url\": \"" + origin.url(FORM) + "\"}"));
        assertThat(body.path("info").path("HasForm").asBoolean()).isTrue();
        assertThat(body.path("info").has("FieldsInfo")).isFalse();
    }
}
