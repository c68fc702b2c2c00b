package io.kiln.engine.html;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How to print a page, in the units Chromium's {@code Page.printToPDF} takes (inches).
 *
 * @param paperWidth paper width in inches before {@code landscape} swaps it (A4 = 8.27)
 * @param paperHeight paper height in inches (A4 = 11.69)
 * @param scale 0.1 to 2
 * @param pageRanges 1-based ranges in Chromium's syntax ({@code 1-3,5}), empty for all pages
 * @param headerHtml header template (Chromium's classes {@code pageNumber}, {@code totalPages},
 *     {@code date}, {@code title}, {@code url}); empty for none
 * @param waitForSelector print once this CSS selector matches an element; empty to not wait
 * @param delay extra wait after load (and after the selector), before printing
 * @param media emulated CSS media type
 * @param headers extra HTTP headers sent with a URL page's requests
 * @param tagged a tagged (accessible) PDF: the page's structure for screen readers and reflow
 * @param outline bookmarks from the page's headings (needs, and so implies, {@code tagged})
 */
public record PrintOptions(double paperWidth, double paperHeight, double marginTop, double marginRight,
                           double marginBottom, double marginLeft, boolean landscape, double scale,
                           boolean printBackground, Optional<String> pageRanges, Optional<String> headerHtml,
                           Optional<String> footerHtml, Optional<String> waitForSelector, Duration delay,
                           Media media, Map<String, String> headers, boolean tagged, boolean outline) {

    /** The CSS media type the page is laid out for. */
    public enum Media { PRINT, SCREEN }

    public PrintOptions {
        headers = Map.copyOf(headers);
    }

    /**
     * A4 portrait, 0.4 in margins, scale 1, backgrounds printed, print media, no waits, untagged: the
     * structure tags cost Chromium up to 40 % more print time and double a long page's PDF (as with
     * Gotenberg, WeasyPrint and Prince, they are asked for).
     */
    public static PrintOptions defaults() {
        return new PrintOptions(8.27, 11.69, 0.4, 0.4, 0.4, 0.4, false, 1.0, true, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Duration.ZERO, Media.PRINT, Map.of(), false, false);
    }
}
