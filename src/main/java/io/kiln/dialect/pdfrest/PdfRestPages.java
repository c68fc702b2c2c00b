package io.kiln.dialect.pdfrest;

import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * pdfRest's page lists ({@code 1,2,5-10,12-last}) in Kiln's {@code pages} syntax, where the last page
 * is {@code !1}. {@code even} and {@code odd} have no Kiln spelling that is independent of the page
 * count, so they are refused by name rather than misread.
 */
final class PdfRestPages {

    private PdfRestPages() {
    }

    static String toKiln(String name, String spec) {
        List<String> parts = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.equals("even") || p.equals("odd")) {
                throw new RequestRejected(ErrorCode.INVALID_OPTION,
                        name + ": '" + p + "' is not supported here; list the pages, e.g. 2,4,6");
            }
            parts.add(p.replace("last", "!1"));
        }
        return String.join(",", parts);
    }
}
