package io.kiln.engine.pdf;

import static io.kiln.engine.pdf.PdfTasks.convert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pdf → text-json: the text pdf → txt extracts, per page or whole, and words boxed where poppler boxes them. */
class TextJsonExtractionTest {

    private static final String FOUR_PAGES = "pdf/pdflatex-4-pages.pdf";
    /** One A4 page (595.276 × 841.89 pt) of lorem ipsum in CMR10; poppler's pdftotext -bbox puts "Lorem" at
     * x 100.20–130.68, y 87.58–97.26 from the top, that is 744.63–754.31 from the bottom. */
    private static final String LOREM = "pdf/minimal-document.pdf";

    @TempDir
    Path work;

    private JsonNode run(String dir, Map<String, String> options, String file) throws Exception {
        Files.createDirectories(work.resolve(dir));
        return new ObjectMapper().readTree(Files.readString(convert(work.resolve(dir), "text-json", options, file)
                .getFirst().path()));
    }

    private String txt(String dir, Map<String, String> options, String file) throws Exception {
        Files.createDirectories(work.resolve(dir));
        return Files.readString(convert(work.resolve(dir), "txt", options, file).getFirst().path());
    }

    @Test
    void theTextIsTxtsWholeOrPerPageAndWordsOnlyWhenAsked() throws Exception {
        JsonNode whole = run("whole", Map.of(), FOUR_PAGES);
        assertThat(whole.path("text").asText()).isEqualTo(txt("txt", Map.of(), FOUR_PAGES));
        assertThat(whole.has("words") || whole.has("pages")).isFalse();

        JsonNode pages = run("pages", Map.of("text", "pages", "pages", "3,2"), FOUR_PAGES);
        assertThat(pages.path("pages").findValuesAsText("page")).containsExactly("3", "2");
        assertThat(pages.path("pages").get(1).path("text").asText()).isEqualTo(txt("p2", Map.of("pages", "2"), FOUR_PAGES));
        assertThat(pages.has("text")).isFalse();

        JsonNode none = run("none", Map.of("text", "none", "words", "true"), LOREM);
        assertThat(none.has("text") || none.has("pages")).isFalse();
        assertThat(none.path("words").size()).isGreaterThan(50);
    }

    @Test
    void withoutLineBreaksTheLinesAreJoinedBySpacesAndTheWordsAreTheTextsTokens() throws Exception {
        JsonNode r = run("joined", Map.of("lineBreaks", "false", "words", "true"), LOREM);
        String text = r.path("text").asText();
        assertThat(text).startsWith("Lorem ipsum dolor sit amet, consetetur").doesNotContain("\n").doesNotContain("  ");
        assertThat(r.path("words").findValuesAsText("text")).containsExactly(text.split(" "));
    }

    @Test
    void eachWordHasItsPageAndABoxInPointsFromTheBottomLeftWherePopplerFindsIt() throws Exception {
        JsonNode words = run("words", Map.of("words", "true"), LOREM).path("words");
        JsonNode lorem = words.get(0);
        assertThat(lorem.path("text").asText()).isEqualTo("Lorem");
        assertThat(lorem.path("page").asInt()).isEqualTo(1);
        assertThat(lorem.path("x").asDouble()).isCloseTo(100.2, within(0.5));
        assertThat(lorem.path("width").asDouble()).isCloseTo(130.68 - 100.2, within(0.5));
        double bottom = lorem.path("y").asDouble();
        double top = bottom + lorem.path("height").asDouble();
        assertThat(bottom).isCloseTo(744.63, within(2.0));
        assertThat(top).isCloseTo(754.31, within(2.0));
        assertThat(lorem.has("font") || lorem.has("color")).as("style only when asked").isFalse();
        for (JsonNode w : words) {
            assertThat(w.path("x").asDouble()).isBetween(0.0, 595.276);
            assertThat(w.path("x").asDouble() + w.path("width").asDouble()).isBetween(0.0, 595.276);
            assertThat(w.path("y").asDouble()).isBetween(0.0, 841.89);
            assertThat(w.path("y").asDouble() + w.path("height").asDouble()).isBetween(0.0, 841.89);
        }
    }

    @Test
    void wordStyleGivesTheFontWithoutItsSubsetPrefixItsSizeAndTheFillColour() throws Exception {
        JsonNode lorem = run("style", Map.of("wordStyle", "true", "text", "none"), LOREM).path("words").get(0);
        assertThat(lorem.path("x").isNumber()).as("wordStyle implies words").isTrue();
        assertThat(lorem.path("font").path("name").asText()).isEqualTo("CMR10"); // KNEUFH+CMR10 in pdffonts
        assertThat(lorem.path("font").path("size").asDouble()).isBetween(9.0, 11.0);
        assertThat(lorem.path("color").path("space").asText()).isEqualTo("DeviceGray");
        assertThat(lorem.path("color").path("values").get(0).asDouble()).isZero();
    }
}
