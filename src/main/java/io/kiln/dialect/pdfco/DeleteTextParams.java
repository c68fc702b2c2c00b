package io.kiln.dialect.pdfco;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/pdf/edit/delete-text} as Kiln's {@code redact}. From PDF.co's reference
 * (docs.pdf.co/api-reference/pdf-search-text-and-delete) and samples ("Delete Text From PDF"):
 * {@code searchStrings} (or the samples' single {@code searchString}), {@code caseSensitive} (true
 * unless false), {@code regex} (each string a regular expression), {@code redactions} (rectangles,
 * page from 0, x/y of the top-left corner in points, which is Kiln's own way of giving areas), and
 * {@code profiles} {@code UsePatch}/{@code PatchColor}: PDF.co only deletes the text unless a patch is
 * asked for, so Kiln draws its boxes only then. {@code replacementLimit} other than 0 and
 * {@code MakeUnsearchable} are refused by name: Kiln removes every occurrence and keeps the rest of
 * the text searchable.
 */
final class DeleteTextParams {

    private DeleteTextParams() {
    }

    static Map<String, String> options(PdfCoParams params) {
        Map<String, String> o = new LinkedHashMap<>();
        List<String> terms = searchStrings(params);
        boolean caseSensitive = params.text("caseSensitive").isEmpty() || params.flag("caseSensitive");
        if (!terms.isEmpty()) {
            if (params.flag("regex")) {
                List<String> groups = new ArrayList<>();
                terms.forEach(t -> groups.add("(?:" + t + ")"));
                o.put("regex", (caseSensitive ? "" : "(?i)") + String.join("|", groups));
            } else {
                ArrayNode list = JsonNodeFactory.instance.arrayNode();
                terms.forEach(list::add);
                o.put("text", list.toString());
                o.put("caseSensitive", String.valueOf(caseSensitive));
            }
        }
        params.node("redactions").ifPresent(r -> o.put("areas", areas(r)));
        if (!o.containsKey("text") && !o.containsKey("regex") && !o.containsKey("areas")) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "searchStrings is required");
        }
        o.put("marks", "false"); // the document's own redaction marks are Acrobat's business, not delete-text's
        if (params.text("replacementLimit").filter(l -> !l.equals("0")).isPresent()) {
            throw new RequestRejected(ErrorCode.INVALID_OPTION,
                    "replacementLimit: Kiln deletes every occurrence; leave it out or send 0");
        }
        if (params.flag("MakeUnsearchable")) {
            throw new RequestRejected(ErrorCode.INVALID_OPTION,
                    "MakeUnsearchable is not offered: Kiln removes the found text and keeps the rest searchable");
        }
        JsonNode profiles = params.text("profiles").map(Profiles::parse).orElse(JsonNodeFactory.instance.objectNode());
        boolean patch = profiles.path("UsePatch").asBoolean(false);
        o.put("boxes", String.valueOf(patch));
        if (patch && profiles.hasNonNull("PatchColor")) {
            o.put("color", profiles.get("PatchColor").asText());
        }
        return o;
    }

    private static List<String> searchStrings(PdfCoParams params) {
        List<String> out = new ArrayList<>();
        params.node("searchStrings").ifPresent(n -> {
            if (n.isArray()) {
                n.forEach(t -> out.add(t.asText()));
            } else {
                out.add(n.asText()); // a form field carries one
            }
        });
        params.text("searchString").ifPresent(out::add);
        out.removeIf(String::isEmpty);
        return out;
    }

    /** PDF.co's rectangles, page counted from 0, as Kiln's areas, page counted from 1. */
    private static String areas(JsonNode redactions) {
        if (!redactions.isArray()) {
            throw new RequestRejected(ErrorCode.INVALID_OPTION, "redactions must be an array of {page, x, y, width, height}");
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode r : redactions) {
            if (!r.path("page").canConvertToInt() || r.path("page").asInt() < 0) {
                throw new RequestRejected(ErrorCode.INVALID_OPTION, "redactions: each needs a page, counted from 0");
            }
            ObjectNode a = out.addObject();
            a.put("page", r.path("page").asInt() + 1);
            for (String k : List.of("x", "y", "width", "height")) {
                if (!r.path(k).isNumber()) {
                    throw new RequestRejected(ErrorCode.INVALID_OPTION,
                            "redactions: each needs x, y, width and height in points");
                }
                a.set(k, r.get(k));
            }
        }
        return out.toString();
    }
}
