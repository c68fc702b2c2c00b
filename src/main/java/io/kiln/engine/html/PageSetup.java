package io.kiln.engine.html;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Writes the print options into a page for openhtmltopdf, which takes them from CSS: an {@code @page}
 * rule (size, margins, header and footer boxes) added after the page's own styles so the request's
 * paper wins as it does in Chromium, and rules that drop backgrounds when they are not printed.
 * Header and footer templates become running elements; the classes Chromium fills in
 * ({@code pageNumber}, {@code totalPages}, {@code title}, {@code date}, {@code url}) are filled here
 * by CSS counters and text.
 */
final class PageSetup {

    private static final double POINTS_PER_INCH = 72;

    private PageSetup() {
    }

    /**
     * Applies {@code print} to {@code page}, laid out at {@code zoom} ({@code scale}): the page is laid
     * out on paper {@code 1/zoom} times as large, which {@link PageScaling} shrinks back afterwards.
     */
    static void apply(Document page, PrintOptions print, double zoom) {
        double width = (print.landscape() ? print.paperHeight() : print.paperWidth()) / zoom;
        double height = (print.landscape() ? print.paperWidth() : print.paperHeight()) / zoom;
        StringBuilder css = new StringBuilder("@page { size: ").append(pt(width)).append(' ').append(pt(height))
                .append("; margin: ").append(pt(print.marginTop() / zoom)).append(' ').append(pt(print.marginRight() / zoom))
                .append(' ').append(pt(print.marginBottom() / zoom)).append(' ').append(pt(print.marginLeft() / zoom));
        running(page, print.headerHtml(), "kiln-header", "kilnHeader", "top-center", css);
        running(page, print.footerHtml(), "kiln-footer", "kilnFooter", "bottom-center", css);
        css.append(" }\n");
        // never content, wherever a page puts them (a style element in the body is common)
        css.append("script, style, template, noscript, head { display: none !important; }\n");
        if (print.headerHtml().isPresent() || print.footerHtml().isPresent()) {
            css.append("#kiln-header .pageNumber::before, #kiln-footer .pageNumber::before { content: counter(page); }\n")
                    .append("#kiln-header .totalPages::before, #kiln-footer .totalPages::before { content: counter(pages); }\n");
        }
        if (!print.printBackground()) {
            css.append("*, *::before, *::after { background: transparent none !important; }\n");
        }
        page.head().appendElement("style").attr("type", "text/css").appendText(css.toString());
    }

    private static void running(Document page, Optional<String> template, String id, String name, String box,
                                StringBuilder css) {
        if (template.isEmpty()) {
            return;
        }
        Element holder = page.body().prependElement("div").attr("id", id).html(template.get());
        holder.select(".title").forEach(e -> e.text(page.title()));
        holder.select(".date").forEach(e -> e.text(LocalDate.now().toString()));
        holder.select(".url").forEach(e -> e.text(""));
        css.append("; @").append(box).append(" { content: element(").append(name).append("); }");
        page.head().appendElement("style").appendText("#" + id + " { position: running(" + name + ") !important; }");
    }

    private static String pt(double inches) {
        return String.format(Locale.ROOT, "%.3fpt", inches * POINTS_PER_INCH);
    }
}
