package io.kiln.dialect.pdfrest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kiln's {@code text-json} result in {@code /extracted-text}'s answer (pdfRest's reference, its
 * {@code output_type = json} example): {@code words} with {@code text}, {@code page}, the four
 * {@code coordinates} corners (word_coordinates) and {@code style} {@code color}/{@code font}
 * (word_style); {@code fullText} a string, or {@code {"pages": [{page, text}]}} by page (pdfRest's
 * translation sample reads {@code fullText.pages[0].text}).
 */
final class ExtractedTextAnswer {

    private ExtractedTextAnswer() {
    }

    /** @param coordinates whether the job asked for word coordinates (it keeps its options) */
    static void put(Map<String, Object> m, JsonNode report, boolean coordinates) {
        if (report.has("words")) {
            List<Map<String, Object>> words = new ArrayList<>();
            for (JsonNode w : report.path("words")) {
                words.add(word(w, coordinates));
            }
            m.put("words", words);
        }
        if (report.has("text")) {
            m.put("fullText", report.path("text").asText());
        } else if (report.has("pages")) {
            List<Map<String, Object>> pages = new ArrayList<>();
            for (JsonNode p : report.path("pages")) {
                pages.add(Map.of("page", p.path("page").asInt(), "text", p.path("text").asText()));
            }
            m.put("fullText", Map.of("pages", pages));
        }
    }

    private static Map<String, Object> word(JsonNode w, boolean coordinates) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", w.path("text").asText());
        m.put("page", w.path("page").asInt());
        if (coordinates) {
            double x = w.path("x").asDouble();
            double y = w.path("y").asDouble();
            double right = x + w.path("width").asDouble();
            double top = y + w.path("height").asDouble();
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("topLeft", point(x, top));
            c.put("topRight", point(right, top));
            c.put("bottomLeft", point(x, y));
            c.put("bottomRight", point(right, y));
            m.put("coordinates", c);
        }
        if (w.has("font")) {
            Map<String, Object> style = new LinkedHashMap<>();
            List<Double> values = new ArrayList<>();
            w.path("color").path("values").forEach(v -> values.add(v.asDouble()));
            style.put("color", Map.of("space", w.path("color").path("space").asText(), "values", values));
            style.put("font", Map.of("name", w.path("font").path("name").asText(), "size", w.path("font").path("size").asDouble()));
            m.put("style", style);
        }
        return m;
    }

    private static Map<String, Object> point(double x, double y) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("x", x);
        p.put("y", y);
        return p;
    }
}
