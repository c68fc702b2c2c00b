package io.kiln.dialect.pdfrest;

import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import java.util.Locale;
import java.util.Map;

/** pdfRest's {@code format} (a target extension, in any of its usual spellings) as a Kiln target. */
final class PdfRestFormats {

    private static final Map<String, String> ALIASES = Map.of(
            "jpeg", "jpg", "tif", "tiff", "text", "txt", "htm", "html", "word", "docx", "excel", "xlsx",
            "powerpoint", "pptx");

    private PdfRestFormats() {
    }

    static String target(String format) {
        String f = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
        f = f.startsWith(".") ? f.substring(1) : f;
        if (!f.matches("[a-z0-9]{1,10}")) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "format is required: the target, e.g. pdf, docx, png");
        }
        return ALIASES.getOrDefault(f, f);
    }
}
