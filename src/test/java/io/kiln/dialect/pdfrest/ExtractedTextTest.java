package io.kiln.dialect.pdfrest;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.auth.ApiKeys;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pdfRest's {@code /extracted-text} as its samples call it (datalogics/pdf-rest-api-samples: a multipart
 * {@code file} with {@code word_style}, or {@code full_text=by_page} read as {@code fullText.pages[0].text}),
 * answered in the reference's {@code output_type = json} shape.
 */
class ExtractedTextTest {

    private static final Path FOUR_PAGES = Corpus.file("pdf/pdflatex-4-pages.pdf");
    /** One A4 page (595.276 × 841.89 pt) of lorem ipsum in CMR10; poppler boxes "Lorem" at x 100.20–130.68,
     * 744.63–754.31 from the bottom. */
    private static final Path LOREM = Corpus.file("pdf/minimal-document.pdf");

    @TempDir
    static Path data;
    static TestServer server;
    static String key;

    @BeforeAll
    static void start() {
        key = ApiKeys.load(data.resolve("keys")).create("acme").key();
        server = TestServer.startOn(data, "--convertapi-prefix", "/convertapi");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> post(Multipart form) {
        return server.send(form.into(server.request("/extracted-text").header("Api-Key", key)).build());
    }

    private static JsonNode ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    private static List<String> texts(JsonNode words) {
        List<String> out = new ArrayList<>();
        words.forEach(w -> out.add(w.path("text").asText()));
        return out;
    }

    @Test
    void byDefaultTheFullTextIsOneStringWithItsLinesJoinedAndNoWords() {
        JsonNode r = ok(post(Multipart.form().file("file", LOREM)));
        assertThat(r.path("fullText").asText()).startsWith("Lorem ipsum dolor sit amet, consetetur sadipscing elitr")
                .contains("eirmod tempor invidunt").doesNotContain("\n");
        assertThat(r.has("words")).isFalse();
        assertThat(r.path("inputId").asText()).isNotBlank();
        assertThat(r.has("outputUrl")).isFalse();
    }

    @Test
    void byPageGivesEachPagesTextAsTheTranslationSampleReadsIt() {
        JsonNode r = ok(post(Multipart.form().file("file", FOUR_PAGES).field("full_text", "by_page")
                .field("pages", "2-last").field("preserve_line_breaks", "on")));
        JsonNode pages = r.path("fullText").path("pages");
        assertThat(pages.size()).isEqualTo(3);
        assertThat(pages.get(0).path("page").asInt()).isEqualTo(2);
        assertThat(pages.get(0).path("text").asText()).contains("\n").contains("Hello, here is some text");
        assertThat(pages.get(2).path("page").asInt()).isEqualTo(4);
    }

    @Test
    void wordCoordinatesGiveTheFourCornersInPointsFromTheBottomLeft() {
        JsonNode r = ok(post(Multipart.form().file("file", LOREM).field("word_coordinates", "on").field("full_text", "off")));
        assertThat(r.has("fullText")).isFalse();
        JsonNode words = r.path("words");
        JsonNode lorem = words.get(0);
        assertThat(lorem.path("text").asText()).isEqualTo("Lorem");
        assertThat(lorem.path("page").asInt()).isEqualTo(1);
        assertThat(lorem.has("style")).as("word_style is off").isFalse();
        JsonNode c = lorem.path("coordinates");
        assertThat(c.path("topLeft").path("x").asDouble()).isCloseTo(100.2, within(0.5));
        assertThat(c.path("bottomLeft").path("x").asDouble()).isEqualTo(c.path("topLeft").path("x").asDouble());
        assertThat(c.path("topRight").path("x").asDouble()).isCloseTo(130.68, within(0.5));
        assertThat(c.path("topLeft").path("y").asDouble()).isCloseTo(754.31, within(2.0));
        assertThat(c.path("bottomRight").path("y").asDouble()).isCloseTo(744.63, within(2.0));
        assertThat(c.path("topLeft").path("y").asDouble()).isGreaterThan(c.path("bottomLeft").path("y").asDouble());
        for (JsonNode w : words) {
            for (String corner : List.of("topLeft", "topRight", "bottomLeft", "bottomRight")) {
                assertThat(w.path("coordinates").path(corner).path("x").asDouble()).isBetween(0.0, 595.276);
                assertThat(w.path("coordinates").path(corner).path("y").asDouble()).isBetween(0.0, 841.89);
            }
        }
        String text = ok(post(Multipart.form().file("file", LOREM))).path("fullText").asText();
        assertThat(texts(words)).containsExactly(text.split(" "));
    }

    @Test
    void wordStyleAloneGivesEachWordsFontAndColourWithoutCoordinates() {
        // the DotNET sample's one option
        JsonNode lorem = ok(post(Multipart.form().file("file", LOREM).field("word_style", "on"))).path("words").get(0);
        assertThat(lorem.has("coordinates")).isFalse();
        assertThat(lorem.path("style").path("font").path("name").asText()).isEqualTo("CMR10");
        assertThat(lorem.path("style").path("font").path("size").asDouble()).isBetween(9.0, 11.0);
        assertThat(lorem.path("style").path("color").path("space").asText()).isEqualTo("DeviceGray");
        assertThat(lorem.path("style").path("color").path("values").get(0).asDouble()).isZero();
    }

    @Test
    void aPolledRequestAnswersTheSameShape() {
        HttpResponse<String> started = server.send(Multipart.form().file("file", LOREM).field("word_coordinates", "on")
                .into(server.request("/extracted-text").header("Api-Key", key).header("Response-Type", "requestId")).build());
        String id = ok(started).path("requestId").asText();
        AtomicReference<JsonNode> done = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            done.set(json(server.send(server.request("/request-status/" + id).header("Api-Key", key).GET().build())));
            return done.get().path("status").asText().equals("completed");
        });
        assertThat(done.get().path("words").get(0).path("coordinates").path("topLeft").has("x")).isTrue();
        assertThat(done.get().path("fullText").asText()).startsWith("Lorem ipsum");
    }

    @Test
    void badOptionsAreRefusedByName() {
        HttpResponse<String> file = post(Multipart.form().file("file", LOREM).field("output_type", "file"));
        assertThat(file.statusCode()).isEqualTo(400);
        assertThat(json(file).path("error").asText()).contains("output_type");
        HttpResponse<String> mode = post(Multipart.form().file("file", LOREM).field("full_text", "by_line"));
        assertThat(mode.statusCode()).isEqualTo(400);
        assertThat(json(mode).path("error").asText()).contains("full_text");
    }
}
