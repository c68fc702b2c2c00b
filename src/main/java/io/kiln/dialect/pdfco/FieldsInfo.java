package io.kiln.dialect.pdfco;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code FieldsInfo} of PDF.co's {@code /v1/pdf/info/fields}: {@code {"Fields": [...]}}, each field
 * with PDF.co's names. The sample clients (pdf-co-api-samples, "PDF Forms Info Reader") read
 * {@code info.FieldsInfo.Fields[].FieldName} and {@code .Value}; PDF.co's field list (docs.pdf.co,
 * Zapier "PDF Info") names {@code FieldName}, {@code Value}, {@code Type}, {@code AltFieldName} and
 * {@code PageIndex}. PDF.co's reference shows no full field, so the rest is Kiln's reading: the type
 * as PDF.co's reference words the kinds (edit box, check box, radio button, combo box), {@code PageIndex}
 * from 0 as PDF.co counts pages elsewhere, the value as the PDF holds it ({@code Off} for an unticked box).
 */
final class FieldsInfo {

    /** Kiln's {@code form-fields} types and PDF.co's names for them. */
    private static final Map<String, String> TYPES = Map.of("text", "EditBox", "checkbox", "CheckBox",
            "radio", "RadioButton", "combo", "ComboBox", "list", "ListBox", "button", "PushButton",
            "signature", "Signature");

    private FieldsInfo() {
    }

    /** @param fields the {@code fields} of Kiln's info report, as {@code form-fields} lists them */
    static Map<String, Object> of(JsonNode fields) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode f : fields) {
            Map<String, Object> m = new LinkedHashMap<>();
            JsonNode pages = f.path("pages");
            m.put("PageIndex", pages.isEmpty() ? 0 : pages.get(0).asInt() - 1);
            m.put("Type", TYPES.getOrDefault(f.path("type").asText(), "Unknown"));
            m.put("FieldName", f.path("name").asText());
            m.put("AltFieldName", f.path("alternateName").asText(""));
            m.put("Value", f.path("value").asText(""));
            out.add(m);
        }
        return Map.of("Fields", out);
    }
}
