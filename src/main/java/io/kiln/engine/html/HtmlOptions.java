package io.kiln.engine.html;

import io.kiln.engine.OptionSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The options the html and url engines take, as listed by {@code GET /v1/formats}. Options that only
 * a browser can honour (waiting for scripts) are listed for every renderer, so a client's request
 * works on any Kiln; the pure-Java renderer runs no scripts, so for it the page is ready at once.
 */
final class HtmlOptions {

    private static final String BROWSER_ONLY = " (Chromium; the pure-Java renderer runs no scripts and ignores it)";
    private static final String IGNORED = " (Chromium; the pure-Java renderer ignores it)";

    private HtmlOptions() {
    }

    /** How to print a page: for html, md and url to pdf. */
    static List<OptionSpec> print() {
        return List.of(
                OptionSpec.oneOf("paper", PaperSize.names(), "paper size (default a4); width and height override it"),
                OptionSpec.string("width", "paper width: " + PrintLength.HELP + ", e.g. 210mm or 8.5in"),
                OptionSpec.string("height", "paper height: " + PrintLength.HELP + ", e.g. 297mm or 11in"),
                OptionSpec.string("margin", "all four margins (default 0.4in): " + PrintLength.HELP),
                OptionSpec.string("marginTop", "top margin, overrides margin"),
                OptionSpec.string("marginRight", "right margin, overrides margin"),
                OptionSpec.string("marginBottom", "bottom margin, overrides margin"),
                OptionSpec.string("marginLeft", "left margin, overrides margin"),
                OptionSpec.bool("landscape", "turn the paper to landscape (default false)"),
                OptionSpec.decimal("scale", 0.1, 2, "zoom of the page's content (default 1)"),
                OptionSpec.bool("printBackground", "print background colours and images (default true)"),
                OptionSpec.pages("pages to keep, e.g. 1,3-5,!1 (default: all)"),
                OptionSpec.string("header", "HTML printed at the top of every page; elements with class pageNumber, "
                        + "totalPages, date, title or url are filled in"),
                OptionSpec.string("footer", "HTML printed at the bottom of every page, as header"),
                OptionSpec.string("waitFor", "print once this CSS selector matches an element" + BROWSER_ONLY),
                OptionSpec.string("delay", "wait this long after loading before printing: milliseconds or a duration "
                        + "such as 2s, at most " + PrintOptionsReader.MAX_DELAY.toSeconds() + "s" + BROWSER_ONLY),
                OptionSpec.oneOf("media", List.of("print", "screen"), "CSS media type to lay the page out for "
                        + "(default print; screen needs Chromium)"),
                OptionSpec.bool("tagged", "a tagged (accessible) PDF, its structure readable by screen readers "
                        + "(default false: it costs up to 40 % more time and doubles a long page's size)" + IGNORED),
                OptionSpec.bool("outline", "bookmarks from the page's headings; implies tagged (default false)" + IGNORED));
    }

    /** {@link #print()} and the extra HTTP headers of a web page's requests: for url to pdf. */
    static List<OptionSpec> url() {
        List<OptionSpec> all = new ArrayList<>(print());
        all.add(OptionSpec.string("headers",
                "extra HTTP headers for the page's requests, as a JSON object: {\"Authorization\": \"Bearer …\"}"));
        return List.copyOf(all);
    }
}
