package io.kiln.dialect.pdfco;

import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PDF.co's 0-based {@code pages} ({@code 0,2-5,7-}; {@code !0} is the last page) as Kiln's 1-based
 * ranges ({@code 1,3-6,8-}; {@code !1} is the last page).
 */
final class PageIndexes {

    private static final Pattern INDEX = Pattern.compile("(!?)(\\d{1,9})");

    private PageIndexes() {
    }

    static String toKiln(String zeroBased) {
        List<String> out = new ArrayList<>();
        for (String part : zeroBased.split(",", -1)) {
            String p = part.trim();
            int dash = p.indexOf('-', 1);
            if (dash < 0) {
                out.add(shift(p, zeroBased));
            } else {
                String last = p.substring(dash + 1).trim();
                out.add(shift(p.substring(0, dash).trim(), zeroBased) + "-"
                        + (last.isEmpty() ? "" : shift(last, zeroBased)));
            }
        }
        return String.join(",", out);
    }

    private static String shift(String index, String spec) {
        Matcher m = INDEX.matcher(index);
        if (!m.matches()) {
            throw new RequestRejected(ErrorCode.INVALID_OPTION, "pages: '" + spec
                    + "' is not a list of page indexes; the first page is 0, e.g. 0,2-5,7-");
        }
        return m.group(1) + (Long.parseLong(m.group(2)) + 1);
    }
}
