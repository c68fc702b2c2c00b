package io.kiln.dialect.pdfrest;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.api.Json;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /pdf-with-added-text}'s {@code text_objects} as Kiln's {@code stamp}: one object, its text's
 * bottom left at {@code x}, {@code y} points from the page's bottom left, on {@code page} (a number,
 * or {@code all}), with {@code text_size}, {@code text_color_rgb} or {@code text_color_cmyk},
 * {@code opacity} and {@code rotation}. Kiln draws one mark a job, so several objects are refused.
 */
final class AddedTextParams {

    static final String TEXT_SIZE = "12";

    private AddedTextParams() {
    }

    static Map<String, String> options(PdfRestParams p) {
        List<JsonNode> objects = objects(p.list("text_objects"));
        if (objects.size() != 1) {
            throw new RequestRejected(objects.isEmpty() ? ErrorCode.BAD_REQUEST : ErrorCode.INVALID_OPTION,
                    objects.isEmpty() ? "text_objects is required" : "send one text object a request");
        }
        JsonNode t = objects.getFirst();
        Map<String, String> o = new LinkedHashMap<>();
        o.put("text", value(t, "text").orElseThrow(() ->
                new RequestRejected(ErrorCode.BAD_REQUEST, "text_objects[0].text is required")));
        o.put("fontSize", value(t, "text_size").orElse(TEXT_SIZE));
        o.put("color", value(t, "text_color_cmyk").map(WatermarkParams::cmyk)
                .orElseGet(() -> WatermarkParams.rgb(value(t, "text_color_rgb").orElse(WatermarkParams.COLOR_RGB))));
        value(t, "opacity").ifPresent(v -> o.put("opacity", v));
        o.put("rotation", value(t, "rotation").orElse(WatermarkParams.ROTATION));
        o.put("position", "bottom-left");
        o.put("margin", "0");
        o.put("x", value(t, "x").orElse("0"));
        o.put("y", value(t, "y").orElse("0"));
        String page = value(t, "page").orElse("1");
        if (!page.equalsIgnoreCase("all")) {
            if (!page.matches("[1-9]\\d{0,6}")) {
                throw new RequestRejected(ErrorCode.INVALID_OPTION, "text_objects[0].page must be a page number from 1, or all");
            }
            o.put("pages", page);
        }
        return o;
    }

    /** The objects, sent as one JSON array (a form field) or as the array's items (a JSON body). */
    private static List<JsonNode> objects(List<String> values) {
        List<JsonNode> out = new ArrayList<>();
        for (String v : values) {
            JsonNode n;
            try {
                n = v.isBlank() || v.strip().equals("null") ? null : Json.MAPPER.readTree(v);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new RequestRejected(ErrorCode.INVALID_OPTION, "text_objects: not JSON: " + e.getOriginalMessage());
            }
            if (n == null) {
                continue;
            }
            if (n.isArray()) {
                n.forEach(out::add);
            } else {
                out.add(n);
            }
        }
        for (JsonNode n : out) {
            if (!n.isObject()) {
                throw new RequestRejected(ErrorCode.INVALID_OPTION, "text_objects must be an array of objects");
            }
        }
        return out;
    }

    private static java.util.Optional<String> value(JsonNode object, String name) {
        JsonNode n = object.get(name);
        return n == null || !n.isValueNode() || n.asText().isBlank() ? java.util.Optional.empty()
                : java.util.Optional.of(n.asText().trim());
    }
}
