package io.kiln.engine.pdf;

import static io.kiln.engine.pdf.PdfTasks.convert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Poppler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * watermark, stamp and page-numbers, checked as a reader would: pdftotext finds the text on the
 * chosen pages only, its box ({@code pdftotext -bbox}, in the page's visible coordinates) sits where
 * it was asked, the page's own text is still there.
 */
class TextMarkingTest {

    private static final String FOUR = "pdf/pdflatex-4-pages.pdf";
    private static final Pattern WORD = Pattern.compile(
            "<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"([\\d.]+)\" yMax=\"([\\d.]+)\">([^<]*)</word>");

    @TempDir
    Path work;

    /** A word pdftotext found, its box in points from the visible top left. */
    record Word(double xMin, double yMin, double xMax, double yMax, String text) {
    }

    @Test
    void aWatermarkIsOnEveryChosenPageOverTheContentAndPale() throws Exception {
        ProducedFile out = convert(work, "watermark", Map.of("text", "CONFIDENTIAL", "pages", "1,3"), FOUR).getFirst();
        List<String> pages = Poppler.pageTexts(out.path());
        List<String> before = Poppler.pageTexts(Corpus.file(FOUR));
        for (int p = 0; p < 4; p++) {
            assertThat(Poppler.drawnText(out.path(), p + 1)).as("page %d", p + 1).matches(p == 0 || p == 2
                    ? ".*CONFIDENTIAL$" : "(?s)(?!.*CONFIDENTIAL).*");
            assertThat(pages.get(p)).as("page %d keeps its text", p + 1).contains(firstLine(before.get(p)));
        }
        try (PDDocument doc = PdfTasks.open(out)) {
            assertThat(alphas(doc.getPage(0))).as("the default opacity").contains(0.3f);
        }
    }

    @Test
    void aStampSitsInTheCornerItNamesOnTheVisiblePageEvenWhenThePageIsTurned() throws Exception {
        ProducedFile turned = convert(work.resolve("turned"), "rotate", Map.of("angle", "90"), Corpus.file(FOUR)).getFirst();
        for (ProducedFile source : List.of(PdfTasks.corpusFile(FOUR), turned)) {
            Path dir = work.resolve("stamp-" + source.path().getParent().getFileName());
            ProducedFile out = convert(dir, "stamp", Map.of("text", "APPROVED", "position", "top-right",
                    "margin", "30", "pages", "2"), source.path()).getFirst();
            double[] size = pageSize(out.path(), 2);
            Word w = words(out.path(), 2).stream().filter(x -> x.text().equals("APPROVED")).findFirst().orElseThrow();
            assertThat(size[0] - w.xMax()).as("right margin on a %.0f × %.0f page", size[0], size[1]).isBetween(28.0, 33.0);
            assertThat(w.yMin()).as("top margin").isBetween(28.0, 33.0);
            assertThat(words(out.path(), 1)).extracting(Word::text).doesNotContain("APPROVED");
        }
    }

    @Test
    void xAndYShiftAStampFromItsPositionRightAndUp() throws Exception {
        ProducedFile out = convert(work, "stamp", Map.of("text", "SHIFTED", "position", "top-right", "margin", "30",
                "x", "-100", "y", "-50"), FOUR).getFirst();
        double[] size = pageSize(out.path(), 1);
        Word w = words(out.path(), 1).stream().filter(x -> x.text().equals("SHIFTED")).findFirst().orElseThrow();
        assertThat(size[0] - w.xMax()).as("right margin and 100 pt to the left").isBetween(128.0, 133.0);
        assertThat(w.yMin()).as("top margin and 50 pt down").isBetween(78.0, 83.0);
    }

    @Test
    void pageNumbersCountThePagesTheyAreOnFromTheFirstNumber() throws Exception {
        ProducedFile out = convert(work, "page-numbers", Map.of("format", "Page {n} of {total}", "skip", "1",
                "firstNumber", "5"), FOUR).getFirst();
        List<String> pages = Poppler.pageTexts(out.path());
        assertThat(pages.get(0)).doesNotContain("Page ");
        assertThat(pages.get(1)).contains("Page 5 of 7");
        assertThat(pages.get(2)).contains("Page 6 of 7");
        assertThat(pages.get(3)).contains("Page 7 of 7");
        double height = pageSize(out.path(), 4)[1];
        Word seven = words(out.path(), 4).stream().filter(x -> x.text().equals("7")).reduce((a, b) -> b).orElseThrow();
        assertThat(height - seven.yMax()).as("bottom margin of the default 24 pt").isBetween(20.0, 27.0);
    }

    @Test
    void textInAnyScriptTheFontHasTiledUnderTheContentWithItsColour() throws Exception {
        ProducedFile out = convert(work, "watermark", Map.of("text", "Entwurf – geprüft ✓", "tiled", "true",
                "layer", "under", "color", "#C00000", "rotation", "30", "fontSize", "24"), "pdf/minimal-document.pdf").getFirst();
        String text = Poppler.drawnText(out.path(), 1);
        assertThat(Pattern.compile("Entwurf–geprüft✓").matcher(text).results().count()).as("whole copies pdftotext finds")
                .isGreaterThan(4);
        try (PDDocument doc = PdfTasks.open(out)) {
            PDPage page = doc.getPage(0);
            StringBuilder all = new StringBuilder();
            for (var it = page.getContentStreams(); it.hasNext(); ) {
                try (InputStream in = it.next().createInputStream()) {
                    all.append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).append('\n');
                }
            }
            assertThat(all.indexOf("0.75294 0 0 rg")).as("the mark's colour, set before any text is drawn: under the content")
                    .isNotNegative().isLessThan(all.indexOf("BT"));
        }
    }

    @Test
    void whatCannotBeDrawnIsRefusedWithTheReason() {
        assertThatThrownBy(() -> convert(work, "watermark", Map.of(), FOUR)).isInstanceOf(ConversionFailed.class)
                .hasMessageContaining("say what to write")
                .satisfies(e -> assertThat(((ConversionFailed) e).code()).isEqualTo(ErrorCode.INVALID_OPTION));
        assertThatThrownBy(() -> convert(work, "stamp", Map.of("text", "x", "color", "red"), FOUR))
                .isInstanceOf(ConversionFailed.class).hasMessageContaining("#RRGGBB");
        assertThatThrownBy(() -> convert(work, "stamp", Map.of("text", "機密"), FOUR))
                .isInstanceOf(ConversionFailed.class).hasMessageContaining("cannot write");
        assertThatThrownBy(() -> convert(work, "watermark", Map.of("text", ".", "tiled", "true", "fontSize", "1"), FOUR))
                .isInstanceOf(ConversionFailed.class).hasMessageContaining("copies");
    }

    private static String firstLine(String pageText) {
        return pageText.strip().lines().findFirst().orElseThrow().strip().substring(0, 20);
    }

    private static List<Float> alphas(PDPage page) throws IOException {
        List<Float> out = new ArrayList<>();
        for (COSName name : page.getResources().getExtGStateNames()) {
            PDExtendedGraphicsState gs = page.getResources().getExtGState(name);
            if (gs.getNonStrokingAlphaConstant() != null) {
                out.add(gs.getNonStrokingAlphaConstant());
            }
        }
        return out;
    }

    /** The visible width and height of a page, as pdfinfo says. */
    private static double[] pageSize(Path pdf, int page) {
        String line = Poppler.run("pdfinfo", "-f", Integer.toString(page), "-l", Integer.toString(page), pdf.toString())
                .lines().filter(l -> l.startsWith("Page") && l.contains("size:")).findFirst().orElseThrow();
        Matcher m = Pattern.compile("size:\\s+([\\d.]+) x ([\\d.]+) pts").matcher(line);
        assertThat(m.find()).as(line).isTrue();
        double w = Double.parseDouble(m.group(1));
        double h = Double.parseDouble(m.group(2));
        Matcher rot = Pattern.compile("rot:\\s+(\\d+)").matcher(Poppler.run("pdfinfo", "-f", Integer.toString(page), "-l",
                Integer.toString(page), pdf.toString()));
        boolean turned = rot.find() && (Integer.parseInt(rot.group(1)) % 180 == 90);
        return turned ? new double[] {h, w} : new double[] {w, h};
    }

    private static List<Word> words(Path pdf, int page) {
        String html = Poppler.run("pdftotext", "-q", "-bbox", "-f", Integer.toString(page), "-l", Integer.toString(page),
                pdf.toString(), "-");
        List<Word> out = new ArrayList<>();
        Matcher m = WORD.matcher(html);
        while (m.find()) {
            out.add(new Word(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                    Double.parseDouble(m.group(4)), m.group(5)));
        }
        return out;
    }
}
