package io.kiln.engine.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The print options change the PDF as they say. */
class PrintOptionsTest {

    private static final String FIVE_PAGES = """
            <html><head><title>Five</title><style>body { margin: 0; } div { page-break-after: always; }</style></head><body>
            <div>Sheet one</div><div>Sheet two</div><div>Sheet three</div><div>Sheet four</div><p>Sheet five</p>
            </body></html>""";

    @TempDir
    Path work;

    @Test
    void a4PortraitByDefault() throws Exception {
        assertSize(print(Map.of()), 595.4f, 841.7f);
    }

    @Test
    void namedPaperSizes() throws Exception {
        assertSize(print(Map.of("paper", "letter")), 612, 792);
        assertSize(print(Map.of("paper", "a5")), 419.8f, 595.4f);
        assertSize(print(Map.of("paper", "tabloid")), 792, 1224);
    }

    @Test
    void landscapeSwapsTheSides() throws Exception {
        assertSize(print(Map.of("paper", "letter", "landscape", "true")), 792, 612);
    }

    @Test
    void customSizeInAnyUnit() throws Exception {
        assertSize(print(Map.of("width", "210mm", "height", "10cm")), 595.3f, 283.5f);
        assertSize(print(Map.of("width", "8.5in", "height", "600px")), 612, 450);
    }

    @Test
    void marginsMoveTheText() throws Exception {
        assertThat(PdfFacts.leftmostText(print(Map.of("margin", "2in")))).isBetween(143f, 146f);
        assertThat(PdfFacts.leftmostText(print(Map.of("margin", "2in", "marginLeft", "10mm")))).isBetween(27f, 30f);
    }

    @Test
    void pagesKeepsTheRangesGiven() throws Exception {
        ProducedFile some = print(Map.of("pages", "2-3"));
        assertThat(some.pageCount()).isEqualTo(2);
        assertThat(HtmlTasks.pageTexts(some)).satisfiesExactly(
                p -> assertThat(p).contains("Sheet two"), p -> assertThat(p).contains("Sheet three"));
        ProducedFile last = print(Map.of("pages", "1,!1"));
        assertThat(HtmlTasks.pageTexts(last)).satisfiesExactly(
                p -> assertThat(p).contains("Sheet one"), p -> assertThat(p).contains("Sheet five"));
    }

    @Test
    void pagesOutsideTheDocumentFail() {
        assertThatThrownBy(() -> print(Map.of("pages", "7")))
                .isInstanceOf(ConversionFailed.class)
                .hasMessageContaining("outside the document's 5 page(s)");
    }

    @Test
    void scaleShrinksTheContentOntoTheSamePaper() throws Exception {
        String longPage = "<p>" + "A line of text that repeats. ".repeat(40) + "</p>";
        Path page = HtmlTasks.page(work, "long.html", "<html><body>" + longPage.repeat(60) + "</body></html>");
        ProducedFile full = HtmlTasks.pdf(dir("full"), "html", Map.of(), page);
        ProducedFile half = HtmlTasks.pdf(dir("half"), "html", Map.of("scale", "0.5"), page);
        assertThat(half.pageCount()).isLessThan(full.pageCount() / 2 + 2);
        assertSize(half, 595.4f, 841.7f);
        assertThat(HtmlTasks.text(half)).contains("A line of text that repeats.");
    }

    @Test
    void headerAndFooterOnEveryPage() throws Exception {
        ProducedFile pdf = print(Map.of(
                "header", "<div style='font-size:9px'><span class='title'></span></div>",
                "footer", "<div style='font-size:9px'>Page <span class='pageNumber'></span> of <span class='totalPages'></span></div>"));
        List<String> pages = HtmlTasks.pageTexts(pdf);
        assertThat(pages).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(pages.get(i)).contains("Five").contains("Page " + (i + 1) + " of 5");
        }
    }

    @Test
    void backgroundsPrintUnlessTurnedOff() throws Exception {
        Path page = HtmlTasks.page(work, "red.html",
                "<html><body style='background: rgb(255,0,0)'><p>red</p></body></html>");
        ProducedFile red = HtmlTasks.pdf(dir("a"), "html", Map.of(), page);
        ProducedFile plain = HtmlTasks.pdf(dir("b"), "html", Map.of("printBackground", "false"), page);
        assertThat(PdfFacts.colourAt(red, 0.5, 0.5)).isEqualTo(0xff0000);
        assertThat(PdfFacts.colourAt(plain, 0.5, 0.5)).isEqualTo(0xffffff);
    }

    @Test
    void browserOnlyOptionsAreAcceptedAndIgnored() throws Exception {
        ProducedFile pdf = print(Map.of("waitFor", "#ready", "delay", "2s", "media", "screen"));
        assertThat(pdf.pageCount()).isEqualTo(5);
    }

    private ProducedFile print(Map<String, String> options) throws Exception {
        Path dir = dir("run");
        Path page = HtmlTasks.page(dir, "five.html", FIVE_PAGES);
        return HtmlTasks.pdf(dir, "html", options, page);
    }

    private Path dir(String prefix) throws IOException {
        return Files.createTempDirectory(work, prefix);
    }

    private static void assertSize(ProducedFile pdf, float width, float height) throws Exception {
        PDRectangle box = PdfFacts.mediaBox(pdf, 1);
        assertThat(box.getWidth()).isCloseTo(width, within(1f));
        assertThat(box.getHeight()).isCloseTo(height, within(1f));
    }
}
