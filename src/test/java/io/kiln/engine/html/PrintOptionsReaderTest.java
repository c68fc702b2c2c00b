package io.kiln.engine.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kiln.engine.Capability;
import io.kiln.engine.ConverterRegistry;
import io.kiln.engine.Options;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.error.KilnException;
import io.kiln.error.RequestRejected;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading the print options: units, sizes, durations, headers, and clear refusals. */
class PrintOptionsReaderTest {

    @Test
    void nothingGivenIsTheDefaults() {
        assertThat(read(Map.of())).isEqualTo(PrintOptions.defaults());
    }

    @ParameterizedTest
    @CsvSource({"210mm, 8.2677", "21cm, 8.2677", "8.5in, 8.5", "144pt, 2", "600px, 6.25", "8.5, 8.5", "11 IN, 11"})
    void lengthsInEveryUnit(String raw, double inches) {
        assertThat(read(Map.of("width", raw)).paperWidth()).isCloseTo(inches, within(0.001));
    }

    @Test
    void paperThenWidthAndHeightOverIt() {
        PrintOptions p = read(Map.of("paper", "letter", "height", "5in"));
        assertThat(p.paperWidth()).isEqualTo(8.5);
        assertThat(p.paperHeight()).isEqualTo(5);
    }

    @Test
    void marginThenEachSideOverIt() {
        PrintOptions p = read(Map.of("margin", "1cm", "marginLeft", "0", "marginBottom", "2in"));
        assertThat(p.marginTop()).isCloseTo(0.3937, within(0.001));
        assertThat(p.marginRight()).isCloseTo(0.3937, within(0.001));
        assertThat(p.marginBottom()).isEqualTo(2);
        assertThat(p.marginLeft()).isZero();
    }

    @Test
    void structureTagsAndTheOutlineAreAskedFor() {
        assertThat(read(Map.of())).extracting(PrintOptions::tagged, PrintOptions::outline).containsExactly(false, false);
        assertThat(read(Map.of("tagged", "true"))).extracting(PrintOptions::tagged, PrintOptions::outline)
                .containsExactly(true, false);
        assertThat(read(Map.of("outline", "true"))).extracting(PrintOptions::tagged, PrintOptions::outline)
                .containsExactly(false, true);
    }

    @Test
    void everyOtherOption() {
        PrintOptions p = read(Map.of("landscape", "true", "scale", "0.75", "printBackground", "false",
                "header", "<b>h</b>", "footer", "<i>f</i>", "waitFor", "#done", "delay", "1500", "media", "screen",
                "headers", "{\"Authorization\": \"Bearer abc\", \"X-Count\": 3}"));
        assertThat(p.landscape()).isTrue();
        assertThat(p.scale()).isEqualTo(0.75);
        assertThat(p.printBackground()).isFalse();
        assertThat(p.headerHtml()).contains("<b>h</b>");
        assertThat(p.footerHtml()).contains("<i>f</i>");
        assertThat(p.waitForSelector()).contains("#done");
        assertThat(p.delay()).isEqualTo(Duration.ofMillis(1500));
        assertThat(p.media()).isEqualTo(PrintOptions.Media.SCREEN);
        assertThat(p.headers()).containsExactlyInAnyOrderEntriesOf(Map.of("Authorization", "Bearer abc", "X-Count", "3"));
        assertThat(p.pageRanges()).as("pages are applied to the finished PDF").isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"250ms, 250", "2s, 2000", "1.5s, 1500", "1m, 60000", "PT3S, 3000", "0, 0"})
    void delays(String raw, long millis) {
        assertThat(read(Map.of("delay", raw)).delay()).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            width        | wide         | width must be a length such as 210mm
            width        | 10furlongs   | width must be a length
            height       | -5mm         | height must be a length
            width        | 0.5in        | width must be between 1in and 200in
            height       | 6m           | height must be a length
            marginTop    | 1.2.3cm      | marginTop must be a length
            margin       | 5in          | the margins leave no room on a 8.27in × 11.69in page
            delay        | soon         | delay must be milliseconds (500) or a duration
            delay        | 90s          | delay must be between 0 and 60s
            headers      | Authorization: x | headers must be a JSON object
            headers      | [1, 2]       | headers must be a JSON object
            headers      | {"Bad Name": "x"} | headers: 'Bad Name' is not a valid header name
            headers      | {"X-A": {"b": 1}} | headers: 'X-A' is not a valid header name
            """)
    void badValuesAreRefusedNamingTheOption(String option, String value, String message) {
        assertThatThrownBy(() -> read(Map.of(option, value)))
                .isInstanceOf(ConversionFailed.class)
                .hasMessageContaining(message)
                .extracting(e -> ((KilnException) e).code()).isEqualTo(ErrorCode.INVALID_OPTION);
    }

    @Test
    void headerValuesStayOnOneLine() {
        assertThatThrownBy(() -> read(Map.of("headers", "{\"X-A\": \"a\\r\\nHost: evil\"}")))
                .isInstanceOf(ConversionFailed.class).hasMessageContaining("'X-A'");
    }

    @Test
    void theRegistryRefusesWrongTypesBeforeAnyWork() {
        Capability htmlToPdf = HtmlTasks.CONVERTER.capabilities().getFirst();
        assertThatThrownBy(() -> ConverterRegistry.validate(htmlToPdf, Map.of("paper", "b5")))
                .isInstanceOf(RequestRejected.class).hasMessageContaining("paper must be one of a3, a4, a5, letter");
        assertThatThrownBy(() -> ConverterRegistry.validate(htmlToPdf, Map.of("scale", "3")))
                .isInstanceOf(RequestRejected.class).hasMessageContaining("scale must be between 0.1 and 2");
        assertThatThrownBy(() -> ConverterRegistry.validate(htmlToPdf, Map.of("landscape", "sideways")))
                .isInstanceOf(RequestRejected.class).hasMessageContaining("landscape must be true or false");
        assertThatThrownBy(() -> ConverterRegistry.validate(htmlToPdf, Map.of("pages", "1-x")))
                .isInstanceOf(RequestRejected.class).hasMessageContaining("pages:");
        assertThatThrownBy(() -> ConverterRegistry.validate(htmlToPdf, Map.of("headers", "{}")))
                .isInstanceOf(RequestRejected.class)
                .extracting(e -> ((KilnException) e).code()).isEqualTo(ErrorCode.UNKNOWN_OPTION);
    }

    private static PrintOptions read(Map<String, String> options) {
        return PrintOptionsReader.read(new Options(options));
    }
}
