package io.kiln.engine.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kiln.engine.Options;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the html engine's options into one {@link PrintOptions}. The registry has already checked
 * each value's type; this reads lengths with units, sizes, durations and headers, and refuses
 * combinations that cannot print (margins wider than the paper) with {@code invalid_option}.
 * {@code pages} is not read here: the converter applies it to the finished PDF.
 */
final class PrintOptionsReader {

    static final double MIN_PAPER_INCHES = 1;
    static final double MAX_PAPER_INCHES = 200;
    static final Duration MAX_DELAY = Duration.ofSeconds(60);
    /** Room a page keeps for content between its margins. */
    private static final double MIN_CONTENT_INCHES = 0.5;
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PrintOptionsReader() {
    }

    /** @throws ConversionFailed {@code invalid_option} naming the option that is wrong */
    static PrintOptions read(Options o) {
        PrintOptions d = PrintOptions.defaults();
        PaperSize paper = o.string("paper").map(PaperSize::of).orElse(null);
        double width = o.string("width").map(v -> paper("width", v))
                .orElse(paper == null ? d.paperWidth() : paper.width);
        double height = o.string("height").map(v -> paper("height", v))
                .orElse(paper == null ? d.paperHeight() : paper.height);
        Optional<Double> all = o.string("margin").map(v -> margin("margin", v));
        double top = margin(o, "marginTop", all.orElse(d.marginTop()));
        double right = margin(o, "marginRight", all.orElse(d.marginRight()));
        double bottom = margin(o, "marginBottom", all.orElse(d.marginBottom()));
        double left = margin(o, "marginLeft", all.orElse(d.marginLeft()));
        boolean landscape = o.bool("landscape", d.landscape());
        double across = landscape ? height : width;
        double down = landscape ? width : height;
        if (left + right > across - MIN_CONTENT_INCHES || top + bottom > down - MIN_CONTENT_INCHES) {
            throw invalid("the margins leave no room on a " + inches(across) + " × " + inches(down) + " page");
        }
        return new PrintOptions(width, height, top, right, bottom, left, landscape, o.decimal("scale", d.scale()),
                o.bool("printBackground", d.printBackground()), Optional.empty(), o.string("header"),
                o.string("footer"), o.string("waitFor"), o.string("delay").map(PrintOptionsReader::delay).orElse(d.delay()),
                o.string("media").map(m -> PrintOptions.Media.valueOf(m.toUpperCase(Locale.ROOT))).orElse(d.media()),
                o.string("headers").map(PrintOptionsReader::headers).orElse(d.headers()),
                o.bool("tagged", d.tagged()), o.bool("outline", d.outline()));
    }

    private static double paper(String option, String raw) {
        double inches = PrintLength.inches(option, raw);
        if (inches < MIN_PAPER_INCHES || inches > MAX_PAPER_INCHES) {
            throw invalid(option + " must be between 1in and 200in (25.4mm and 5080mm)");
        }
        return inches;
    }

    private static double margin(Options o, String option, double fallback) {
        return o.string(option).map(v -> margin(option, v)).orElse(fallback);
    }

    private static double margin(String option, String raw) {
        return PrintLength.inches(option, raw);
    }

    /** Milliseconds ({@code 500}), or a number with {@code ms}, {@code s} or {@code m}, or ISO-8601 ({@code PT2S}). */
    static Duration delay(String raw) {
        String v = raw.trim().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (v.startsWith("pt")) {
                d = Duration.parse(v);
            } else if (v.endsWith("ms")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 2).trim())));
            } else if (v.endsWith("s")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000));
            } else if (v.endsWith("m")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 60_000));
            } else {
                d = Duration.ofMillis(Long.parseLong(v));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw invalid("delay must be milliseconds (500) or a duration (500ms, 2s, PT2S), not '" + raw.trim() + "'");
        }
        if (d.isNegative() || d.compareTo(MAX_DELAY) > 0) {
            throw invalid("delay must be between 0 and " + MAX_DELAY.toSeconds() + "s");
        }
        return d;
    }

    /** A JSON object of header names to string values, e.g. {@code {"Authorization": "Bearer x"}}. */
    static Map<String, String> headers(String raw) {
        JsonNode node;
        try {
            node = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw invalid("headers must be a JSON object such as {\"Authorization\": \"Bearer …\"}");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (var e : node.properties()) {
            String value = e.getValue().isValueNode() ? e.getValue().asText() : null;
            if (!HEADER_NAME.matcher(e.getKey()).matches() || value == null
                    || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw invalid("headers: '" + e.getKey() + "' is not a valid header name with a one-line text value");
            }
            headers.put(e.getKey(), value);
        }
        return headers;
    }

    private static String inches(double v) {
        return String.format(Locale.ROOT, "%.2fin", v);
    }

    private static ConversionFailed invalid(String message) {
        return new ConversionFailed(ErrorCode.INVALID_OPTION, message);
    }
}
