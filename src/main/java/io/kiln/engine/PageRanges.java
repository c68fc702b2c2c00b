package io.kiln.engine;

import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code pages} option: comma-separated 1-based pages and ranges. {@code !K} is the K-th page
 * from the end ({@code !1} is the last page); {@code 3-} runs to the end; {@code 2-!2} is the second
 * page to the one before last. Example: {@code 1,3-5,!1}.
 */
public final class PageRanges {

    /** One inclusive range, resolved to 1-based page numbers. */
    public record Range(int first, int last) {
        public List<Integer> pages() {
            List<Integer> out = new ArrayList<>();
            for (int p = first; p <= last; p++) {
                out.add(p);
            }
            return out;
        }
    }

    private PageRanges() {
    }

    /** Empty when {@code spec} is well-formed (independent of any page count), else why not. */
    public static Optional<String> syntaxError(String spec) {
        if (spec == null || spec.isBlank()) {
            return Optional.of("expected pages such as 1,3-5,!1");
        }
        for (String part : spec.split(",", -1)) {
            String p = part.trim();
            if (p.isEmpty()) {
                return Optional.of("empty range in '" + spec + "'");
            }
            int dash = p.indexOf('-', 1);
            String a = dash < 0 ? p : p.substring(0, dash);
            String b = dash < 0 ? p : p.substring(dash + 1);
            if (!isEndpoint(a.trim()) || !(b.isBlank() && dash > 0 || isEndpoint(b.trim()))) {
                return Optional.of("'" + p + "' is not a page or range (use 1, 3-5, 7-, !1)");
            }
        }
        return Optional.empty();
    }

    private static boolean isEndpoint(String s) {
        String digits = s.startsWith("!") ? s.substring(1) : s;
        return !digits.isEmpty() && digits.length() <= 9 && digits.chars().allMatch(Character::isDigit)
                && Integer.parseInt(digits) >= 1;
    }

    /**
     * Resolves {@code spec} against a document of {@code pageCount} pages, keeping the order given.
     *
     * @throws ConversionFailed {@code invalid_option} when a page lies outside the document
     */
    public static List<Range> resolve(String spec, int pageCount) {
        syntaxError(spec).ifPresent(e -> {
            throw new ConversionFailed(ErrorCode.INVALID_OPTION, "pages: " + e);
        });
        List<Range> ranges = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-', 1);
            int first = page(dash < 0 ? p : p.substring(0, dash), pageCount);
            int last = dash < 0 ? first
                    : p.substring(dash + 1).isBlank() ? pageCount : page(p.substring(dash + 1), pageCount);
            if (first < 1 || last > pageCount || first > pageCount || last < 1) {
                throw new ConversionFailed(ErrorCode.INVALID_OPTION,
                        "pages: '" + p + "' is outside the document's " + pageCount + " page(s)");
            }
            if (first > last) {
                throw new ConversionFailed(ErrorCode.INVALID_OPTION, "pages: '" + p + "' runs backwards");
            }
            ranges.add(new Range(first, last));
        }
        return ranges;
    }

    /** All pages of {@code spec} in order (duplicates kept), or every page when absent. */
    public static List<Integer> select(Optional<String> spec, int pageCount) {
        if (spec.isEmpty()) {
            return new Range(1, pageCount).pages();
        }
        List<Integer> pages = new ArrayList<>();
        resolve(spec.get(), pageCount).forEach(r -> pages.addAll(r.pages()));
        return pages;
    }

    private static int page(String endpoint, int pageCount) {
        String s = endpoint.trim();
        return s.startsWith("!") ? pageCount + 1 - Integer.parseInt(s.substring(1)) : Integer.parseInt(s);
    }
}
