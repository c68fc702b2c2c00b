package io.kiln.engine.pdf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kiln.engine.Options;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What {@code redact} is asked to remove: the patterns that find text (each {@code text} literal,
 * and the {@code regex}), the {@code areas}, the colour the boxes are filled with, and whether boxes
 * are drawn at all (without them the removed text just leaves a gap, as PDF.co's delete-text does).
 * Every option is checked here, before the document is opened, and every fault is named.
 */
record RedactionRequest(List<Pattern> patterns, List<RedactionArea> areas, Color color, boolean boxes, boolean preview,
                        boolean marks) {

    static final String DEFAULT_COLOR = "#000000";
    static final String NOTHING_TO_REDACT = "say what to redact: text, regex or areas";
    static final int MAX_TERMS = 100;
    static final int MAX_TERM_LENGTH = 1_000;
    static final int MAX_AREAS = 1_000;
    private static final Pattern HEX = Pattern.compile("#?([0-9a-fA-F]{6})");
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    static RedactionRequest of(Options o) {
        boolean caseSensitive = o.bool("caseSensitive", false);
        List<Pattern> patterns = new ArrayList<>();
        for (String term : terms(o.string("text"))) {
            patterns.add(literal(term, caseSensitive));
        }
        o.string("regex").ifPresent(r -> patterns.add(regex(r)));
        List<RedactionArea> areas = areas(o.string("areas"));
        boolean preview = o.bool("preview", false);
        boolean marks = o.bool("marks", true);
        if (patterns.isEmpty() && areas.isEmpty() && (preview || !marks)) {
            throw invalid(NOTHING_TO_REDACT);
        }
        return new RedactionRequest(List.copyOf(patterns), areas, color(o.string("color").orElse(DEFAULT_COLOR)),
                o.bool("boxes", true), preview, marks && !preview);
    }

    /** A JSON array of strings, or else one literal a line. */
    private static List<String> terms(Optional<String> text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> terms = jsonStrings(text.get()).orElseGet(() -> List.of(text.get().split("\\R")));
        List<String> kept = terms.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
        if (kept.size() > MAX_TERMS) {
            throw invalid("text: more than " + MAX_TERMS + " terms");
        }
        if (kept.stream().anyMatch(t -> t.length() > MAX_TERM_LENGTH)) {
            throw invalid("text: a term is longer than " + MAX_TERM_LENGTH + " characters");
        }
        return kept;
    }

    /** The strings of a JSON array of strings; empty for anything else, which is then one literal a line. */
    private static Optional<List<String>> jsonStrings(String text) {
        if (!text.startsWith("[")) {
            return Optional.empty();
        }
        try {
            JsonNode json = new ObjectMapper().readTree(text);
            List<String> out = new ArrayList<>();
            for (JsonNode t : json) {
                if (!t.isTextual()) {
                    return Optional.empty();
                }
                out.add(t.asText());
            }
            return Optional.of(out);
        } catch (JsonProcessingException e) {
            return Optional.empty(); // e.g. "[draft]": a literal that happens to open with a bracket
        }
    }

    /** The literal, where any run of blanks also matches a line break (a phrase may wrap). */
    private static Pattern literal(String term, boolean caseSensitive) {
        String quoted = String.join("\\s+", BLANKS.splitAsStream(term).map(Pattern::quote).toList());
        return Pattern.compile(quoted, caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static Pattern regex(String regex) {
        if (regex.length() > MAX_TERM_LENGTH) {
            throw invalid("regex: longer than " + MAX_TERM_LENGTH + " characters");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw invalid("regex: not a valid regular expression: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
    }

    private static List<RedactionArea> areas(Optional<String> given) {
        if (given.isEmpty()) {
            return List.of();
        }
        JsonNode json = json("areas", given.get());
        if (!json.isArray()) {
            throw invalid("areas: a JSON array of rectangles, e.g. [{\"page\":1,\"x\":72,\"y\":72,\"width\":200,\"height\":20}]");
        }
        if (json.size() > MAX_AREAS) {
            throw invalid("areas: more than " + MAX_AREAS + " rectangles");
        }
        List<RedactionArea> areas = new ArrayList<>();
        for (JsonNode a : json) {
            int n = areas.size() + 1;
            if (!a.isObject()) {
                throw invalid("areas: rectangle " + n + " is not an object with x, y, width and height");
            }
            OptionalInt page = OptionalInt.empty();
            if (a.hasNonNull("page")) {
                if (!a.get("page").canConvertToInt() || !a.get("page").isIntegralNumber() || a.get("page").asInt() < 1) {
                    throw invalid("areas: rectangle " + n + " has a page that is not a page number (1 or more)");
                }
                page = OptionalInt.of(a.get("page").asInt());
            }
            double width = number(a, "width", n);
            double height = number(a, "height", n);
            if (width <= 0 || height <= 0) {
                throw invalid("areas: rectangle " + n + " needs a width and a height above 0");
            }
            areas.add(new RedactionArea(page, number(a, "x", n), number(a, "y", n), width, height));
        }
        return List.copyOf(areas);
    }

    private static double number(JsonNode area, String field, int n) {
        JsonNode v = area.get(field);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw invalid("areas: rectangle " + n + " needs " + field + " as a number of points");
        }
        return v.asDouble();
    }

    private static JsonNode json(String option, String value) {
        try {
            JsonNode json = new ObjectMapper().readTree(value);
            if (json == null) {
                throw invalid(option + ": empty JSON");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw invalid(option + ": not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static Color color(String color) {
        var m = HEX.matcher(color.strip());
        if (!m.matches()) {
            throw invalid("color: '" + color + "' is not a colour as #RRGGBB, e.g. #000000");
        }
        return new Color(Integer.parseInt(m.group(1), 16));
    }

    static ConversionFailed invalid(String message) {
        return new ConversionFailed(ErrorCode.INVALID_OPTION, message);
    }
}
