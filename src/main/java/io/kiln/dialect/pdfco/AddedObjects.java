package io.kiln.dialect.pdfco;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code /v1/pdf/edit/add}'s {@code images} and {@code annotations} as one Kiln mark: an image is a
 * {@code stamp} with the image as the job's second input; a text is a {@code stamp}, or
 * {@code page-numbers} when it writes PDF.co's {@code {{$$PageNumber}}} / {@code {{$$PageCount}}}
 * macros; {@code fields} alone are {@code fill-form}. PDF.co's {@code x}, {@code y} are points from
 * the page's top left to the object's top left; its {@code pages} count from 0. One object a request:
 * Kiln draws one mark a job.
 */
final class AddedObjects {

    /** PDF.co's default annotation size, in points. */
    static final String TEXT_SIZE = "12";
    private static final Pattern HEX = Pattern.compile("#?[0-9a-fA-F]{6}");
    private static final Pattern MACRO = Pattern.compile("\\{\\{\\$\\$(PageNumber|PageCount)}}");

    /** The mark: Kiln's target, its options, and the URL of the image to draw (if it is one). */
    record Mark(String target, Map<String, String> options, Optional<String> imageUrl) {
    }

    private AddedObjects() {
    }

    static Mark read(PdfCoParams params) {
        for (String unsupported : new String[] {"annotationsString", "imagesString", "fieldsString"}) {
            if (params.text(unsupported).filter(v -> !v.equals("[]")).isPresent()) {
                throw new RequestRejected(ErrorCode.INVALID_OPTION, unsupported + " is not supported: send images,"
                        + " annotations or fields");
            }
        }
        JsonNode images = params.node("images").orElse(null);
        JsonNode annotations = params.node("annotations").orElse(null);
        JsonNode fields = params.node("fields").orElse(null);
        int count = size(images, "images") + size(annotations, "annotations");
        if (size(fields, "fields") > 0) {
            if (count > 0) {
                throw new RequestRejected(ErrorCode.INVALID_OPTION,
                        "send fields alone: Kiln fills a form or draws one object a request");
            }
            return new Mark("fill-form", Map.of("fields", values(fields)), Optional.empty());
        }
        if (count != 1) {
            throw new RequestRejected(count == 0 ? ErrorCode.BAD_REQUEST : ErrorCode.INVALID_OPTION,
                    count == 0 ? "images or annotations is required" : "send one object (one image or one annotation) a request");
        }
        boolean image = images != null && !images.isEmpty();
        JsonNode object = image ? images.get(0) : annotations.get(0);
        Map<String, String> o = new LinkedHashMap<>();
        o.put("position", "top-left");
        o.put("margin", "0");
        o.put("x", number(object, "x"));
        o.put("y", negated(number(object, "y")));
        text(object, "pages").ifPresent(p -> o.put("pages", PageIndexes.toKiln(p)));
        if (image) {
            text(object, "width").ifPresent(w -> o.put("width", w));
            text(object, "height").ifPresent(h -> o.put("height", h));
            String url = text(object, "url").orElseThrow(() ->
                    new RequestRejected(ErrorCode.BAD_REQUEST, "images[0].url is required"));
            return new Mark("stamp", o, Optional.of(url));
        }
        String written = text(object, "text").orElseThrow(() ->
                new RequestRejected(ErrorCode.BAD_REQUEST, "annotations[0].text is required"));
        o.put("fontSize", text(object, "size").orElse(TEXT_SIZE));
        text(object, "color").ifPresent(c -> {
            if (!HEX.matcher(c).matches()) {
                throw new RequestRejected(ErrorCode.INVALID_OPTION, "annotations[0].color must be a colour as RRGGBB, e.g. FF0000");
            }
            o.put("color", c.startsWith("#") ? c : "#" + c);
        });
        if (MACRO.matcher(written).find()) {
            o.put("format", written.replace("{{$$PageNumber}}", "{n}").replace("{{$$PageCount}}", "{total}"));
            return new Mark("page-numbers", o, Optional.empty());
        }
        o.put("text", written);
        return new Mark("stamp", o, Optional.empty());
    }

    /**
     * PDF.co's {@code fields} ({@code [{fieldName, pages, text}]}, as its MCP server documents them) as
     * fill-form's object of names and values; {@code pages} is not needed, a name being unique in a form.
     */
    private static String values(JsonNode fields) {
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        for (JsonNode f : fields) {
            String name = text(f, "fieldName").orElseThrow(() ->
                    new RequestRejected(ErrorCode.BAD_REQUEST, "fields: each needs a fieldName"));
            values.put(name, f.path("text").asText(""));
        }
        return values.toString();
    }

    private static int size(JsonNode list, String name) {
        if (list == null || list.isNull()) {
            return 0;
        }
        if (!list.isArray()) {
            throw new RequestRejected(ErrorCode.INVALID_OPTION, name + " must be an array of objects");
        }
        for (JsonNode item : list) {
            if (!item.isObject()) {
                throw new RequestRejected(ErrorCode.INVALID_OPTION, name + " must be an array of objects");
            }
        }
        return list.size();
    }

    private static Optional<String> text(JsonNode object, String name) {
        JsonNode n = object.get(name);
        if (n == null || n.isNull() || !n.isValueNode() || n.asText().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(n.asText().trim());
    }

    private static String number(JsonNode object, String name) {
        String v = text(object, name).orElse("0");
        try {
            Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new RequestRejected(ErrorCode.INVALID_OPTION, name + " must be a number of points");
        }
        return v;
    }

    /** PDF.co's y runs down the page, Kiln's shift up. */
    private static String negated(String v) {
        return v.startsWith("-") ? v.substring(1) : v.equals("0") ? v : "-" + v;
    }
}
