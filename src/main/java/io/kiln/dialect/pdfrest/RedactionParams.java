package io.kiln.dialect.pdfrest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kiln.api.Json;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pdfRest's two redaction routes (pdfrest-docs, API reference; pdf-rest-api-samples,
 * "redact-preview-and-finalize"): {@code /pdf-with-redacted-text-preview} takes {@code redactions},
 * a JSON array of {@code {type: literal|regex|preset, value}}, and marks what it finds without
 * removing it; {@code /pdf-with-redacted-text-applied} applies the marks of such a preview, in
 * {@code rgb_color} (default 0,0,0). Both over Kiln's {@code redact}.
 *
 * <p>pdfRest publishes its presets' names but not their expressions; these are Kiln's own, written
 * to find the common forms. {@code credit_debit_pin} (any 4 to 6 digits) and {@code ipv6} are refused
 * by name rather than guessed at.
 */
final class RedactionParams {

    static final Map<String, String> PRESETS = Map.of(
            "email", "[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+",
            "phone_number", "(?:\\+\\d{1,3}[\\s.-]?)?(?:\\(\\d{2,4}\\)|\\d{2,4})[\\s.-]\\d{3,4}[\\s.-]\\d{3,4}",
            "date", "\\b(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}"
                    + "|(?i:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?\\s+\\d{1,2},?\\s+\\d{4}))\\b",
            "us_ssn", "\\b\\d{3}-\\d{2}-\\d{4}\\b",
            "url", "(?i)\\b(?:https?://|www\\.)[^\\s<>\"]+",
            "credit_card", "\\b(?:\\d[ -]?){12,18}\\d\\b",
            "bank_routing_number", "\\b\\d{9}\\b",
            "international_bank_account_number", "\\b[A-Z]{2}\\d{2}(?:\\s?[A-Z0-9]{4}){2,7}(?:\\s?[A-Z0-9]{1,4})?\\b",
            "swift_bic_number", "\\b[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?\\b",
            "ipv4", "\\b(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\b");

    private static final Pattern RGB = Pattern.compile("\\s*(\\d{1,3})\\s*,\\s*(\\d{1,3})\\s*,\\s*(\\d{1,3})\\s*");

    private RedactionParams() {
    }

    /** The preview: {@code redactions} as Kiln's {@code text} (a JSON array) and {@code regex}, marked only. */
    static Map<String, String> preview(PdfRestParams p) {
        List<String> literals = new ArrayList<>();
        List<String> regexes = new ArrayList<>();
        for (JsonNode r : redactions(p)) {
            String type = r.path("type").asText("");
            String value = r.path("value").asText("");
            if (value.isEmpty()) {
                throw new RequestRejected(ErrorCode.INVALID_OPTION, "redactions: each needs a value");
            }
            switch (type) {
                case "literal" -> literals.add(value);
                case "regex" -> regexes.add(value);
                case "preset" -> regexes.add(preset(value));
                default -> throw new RequestRejected(ErrorCode.INVALID_OPTION,
                        "redactions: type must be literal, regex or preset, not '" + type + "'");
            }
        }
        Map<String, String> o = new LinkedHashMap<>();
        if (!literals.isEmpty()) {
            com.fasterxml.jackson.databind.node.ArrayNode array = JsonNodeFactory.instance.arrayNode();
            literals.forEach(array::add);
            o.put("text", array.toString());
            o.put("caseSensitive", "true"); // "the exact string"
        }
        if (!regexes.isEmpty()) {
            o.put("regex", regexes.stream().map(r -> "(?:" + r + ")").reduce((a, b) -> a + "|" + b).orElseThrow());
        }
        o.put("preview", "true");
        return o;
    }

    /** The applied step: the document's marks, filled in {@code rgb_color}. */
    static Map<String, String> applied(PdfRestParams p) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("color", p.text("rgb_color").map(RedactionParams::hex).orElse("#000000"));
        return o;
    }

    private static List<JsonNode> redactions(PdfRestParams p) {
        List<JsonNode> all = new ArrayList<>();
        for (String given : p.list("redactions")) {
            JsonNode n;
            try {
                n = Json.MAPPER.readTree(given);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new RequestRejected(ErrorCode.INVALID_OPTION, "redactions: not JSON: " + e.getOriginalMessage());
            }
            if (n.isArray()) {
                n.forEach(all::add);
            } else if (n.isObject()) {
                all.add(n);
            } else {
                throw new RequestRejected(ErrorCode.INVALID_OPTION, "redactions: a JSON array of {type, value}");
            }
        }
        if (all.isEmpty()) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "redactions is required");
        }
        return all;
    }

    private static String preset(String name) {
        String regex = PRESETS.get(name);
        if (regex == null) {
            throw new RequestRejected(ErrorCode.INVALID_OPTION, "redactions: preset '" + name + "' is not supported; Kiln has "
                    + String.join(", ", new java.util.TreeSet<>(PRESETS.keySet())));
        }
        return regex;
    }

    private static String hex(String rgb) {
        Matcher m = RGB.matcher(rgb);
        if (!m.matches()) {
            throw new RequestRejected(ErrorCode.INVALID_OPTION, "rgb_color: 3 comma-separated integers from 0 to 255, e.g. 255,255,255");
        }
        StringBuilder hex = new StringBuilder("#");
        for (int i = 1; i <= 3; i++) {
            int v = Integer.parseInt(m.group(i));
            if (v > 255) {
                throw new RequestRejected(ErrorCode.INVALID_OPTION, "rgb_color: each of the 3 integers is 0 to 255");
            }
            hex.append(String.format("%02x", v));
        }
        return hex.toString();
    }
}
