package io.kiln.engine.html.chromium;

import com.ruiyun.jvppeteer.cdp.entities.PDFMargin;
import com.ruiyun.jvppeteer.cdp.entities.PDFOptions;
import io.kiln.engine.html.PrintOptions;
import java.util.Locale;

/** {@link PrintOptions} in the terms of {@code Page.printToPDF}. */
final class PdfParameters {

    /** Chromium prints its own header (date, title) when only a footer is given: an empty one replaces it. */
    private static final String EMPTY_TEMPLATE = "<span></span>";

    private PdfParameters() {
    }

    static PDFOptions of(PrintOptions print, long timeoutMillis) {
        PDFOptions pdf = new PDFOptions();
        pdf.setWidth(inches(print.paperWidth()));
        pdf.setHeight(inches(print.paperHeight()));
        PDFMargin margin = new PDFMargin();
        margin.setTop(inches(print.marginTop()));
        margin.setRight(inches(print.marginRight()));
        margin.setBottom(inches(print.marginBottom()));
        margin.setLeft(inches(print.marginLeft()));
        pdf.setMargin(margin);
        pdf.setLandscape(print.landscape());
        pdf.setScale(print.scale());
        pdf.setPrintBackground(print.printBackground());
        print.pageRanges().filter(r -> !r.isBlank()).ifPresent(pdf::setPageRanges);
        boolean headerFooter = print.headerHtml().isPresent() || print.footerHtml().isPresent();
        pdf.setDisplayHeaderFooter(headerFooter);
        if (headerFooter) {
            pdf.setHeaderTemplate(print.headerHtml().orElse(EMPTY_TEMPLATE));
            pdf.setFooterTemplate(print.footerHtml().orElse(EMPTY_TEMPLATE));
        }
        // jvppeteer tags by default; Chromium's outline is built from the tags
        pdf.setTagged(print.tagged() || print.outline());
        pdf.setOutline(print.outline());
        // the paper size asked for wins over a stylesheet's @page size
        pdf.setPreferCSSPageSize(false);
        pdf.setTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeoutMillis)));
        return pdf;
    }

    private static String inches(double value) {
        return String.format(Locale.ROOT, "%.4fin", value);
    }
}
