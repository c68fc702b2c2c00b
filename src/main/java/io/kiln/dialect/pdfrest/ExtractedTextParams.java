package io.kiln.dialect.pdfrest;

import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /extracted-text}'s parameters (pdfRest's reference, §POST /extracted-text) as Kiln's
 * {@code text-json} options: {@code full_text} off, by_page or document (default) is its {@code text}
 * none, pages or document; {@code preserve_line_breaks} (default off) its {@code lineBreaks};
 * {@code word_coordinates} its {@code words}, {@code word_style} its {@code wordStyle}; {@code pages}
 * as everywhere. The options stay with the job, so a polled answer has the same shape as a waited one.
 */
final class ExtractedTextParams {

    private ExtractedTextParams() {
    }

    static Map<String, String> options(PdfRestParams p) {
        Map<String, String> o = new LinkedHashMap<>();
        String full = p.text("full_text").orElse("document");
        o.put("text", switch (full) {
            case "document" -> "document";
            case "by_page" -> "pages";
            case "off" -> "none";
            default -> throw new RequestRejected(ErrorCode.INVALID_OPTION,
                    "full_text: '" + full + "' is not one of off, by_page, document");
        });
        o.put("lineBreaks", Boolean.toString(p.flag("preserve_line_breaks", false)));
        o.put("words", Boolean.toString(p.flag("word_coordinates", false)));
        o.put("wordStyle", Boolean.toString(p.flag("word_style", false)));
        p.text("pages").ifPresent(pages -> o.put("pages", PdfRestPages.toKiln("pages", pages)));
        String type = p.text("output_type").orElse("json");
        if (!type.equals("json")) {
            // a file would hold Kiln's own text-json, not pdfRest's answer; better refused than a different shape
            throw new RequestRejected(ErrorCode.INVALID_OPTION, "output_type: '" + type + "' is not offered; the text"
                    + " is answered in the JSON response (output_type=json)");
        }
        return o;
    }
}
