package io.kiln.engine.ocr;

import static io.kiln.engine.ocr.OcrTasks.convert;
import static io.kiln.engine.ocr.OcrTasks.converter;
import static io.kiln.engine.ocr.OcrTasks.pageText;
import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.engine.ProducedFile;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchablePdfTest {

    /** Low enough to compare pages quickly, high enough to see any mark the text layer would leave. */
    private static final int COMPARE_DPI = 72;

    @TempDir
    static Path docs;
    static Path vector;
    static Path scan;

    @TempDir
    Path work;

    @BeforeAll
    static void makeDocuments() throws IOException {
        vector = TestDocuments.vectorPdf(docs.resolve("vector.pdf"), KnownText.PARAGRAPHS.subList(0, 2));
        scan = TestDocuments.scannedPdf(vector, docs.resolve("scan.pdf"));
    }

    @Test
    void aScanGainsItsTextAndKeepsItsPagesAsTheyWere() throws Exception {
        ProducedFile out = convert(converter(), "pdf", "ocr", scan, Map.of(), work);

        assertThat(out.name()).isEqualTo("out.pdf");
        assertThat(out.pageCount()).isEqualTo(2);
        try (PDDocument before = Loader.loadPDF(scan.toFile());
             PDDocument after = Loader.loadPDF(out.path().toFile())) {
            assertThat(pageText(before, 1)).as("the scan has no text of its own").isBlank();
            assertThat(after.getNumberOfPages()).isEqualTo(before.getNumberOfPages());
            for (int i = 0; i < after.getNumberOfPages(); i++) {
                assertThat(after.getPage(i).getMediaBox().toString())
                        .isEqualTo(before.getPage(i).getMediaBox().toString());
                assertThat(imageOn(after.getPage(i))).as("the scanned image is still on page " + (i + 1)).isTrue();
                double accuracy = WordAccuracy.of(KnownText.PARAGRAPHS.get(i), pageText(after, i + 1));
                System.out.printf("ocr word accuracy, page %d: %.3f%n", i + 1, accuracy);
                assertThat(accuracy).isGreaterThanOrEqualTo(0.95);
            }
        }
        List<BufferedImage> shownBefore = TestDocuments.pageImages(scan, COMPARE_DPI);
        List<BufferedImage> shownAfter = TestDocuments.pageImages(out.path(), COMPARE_DPI);
        for (int i = 0; i < shownBefore.size(); i++) {
            assertThat(TestDocuments.meanDifference(shownBefore.get(i), shownAfter.get(i)))
                    .as("the invisible text changes nothing on page " + (i + 1)).isLessThan(0.5);
        }
    }

    @Test
    void theTextOfATurnedCroppedPageLiesWhereItsWordsAreShown() throws Exception {
        Path turned = TestDocuments.turnedScanPdf(vector, docs.resolve("turned.pdf"));
        assertThat(TestDocuments.meanDifference(TestDocuments.pageImages(vector, COMPARE_DPI).getFirst(),
                TestDocuments.pageImages(turned, COMPARE_DPI).getFirst()))
                .as("the turned scan is shown like the original").isLessThan(8);

        ProducedFile out = convert(converter(), "pdf", "ocr", turned, Map.of("pages", "1"), work);

        try (PDDocument original = Loader.loadPDF(vector.toFile());
             PDDocument before = Loader.loadPDF(turned.toFile());
             PDDocument after = Loader.loadPDF(out.path().toFile())) {
            PDPage page = after.getPage(0);
            assertThat(page.getRotation()).isEqualTo(90);
            assertThat(page.getCropBox().toString()).isEqualTo(before.getPage(0).getCropBox().toString());
            assertThat(WordAccuracy.of(KnownText.PARAGRAPHS.getFirst(), pageText(after, 1)))
                    .isGreaterThanOrEqualTo(0.95);
            Map<String, Point2D> printed = WordPositions.of(original, 1);
            Map<String, Point2D> recognised = WordPositions.of(after, 1);
            List<String> common = printed.keySet().stream().filter(recognised::containsKey).toList();
            List<String> inPlace = common.stream()
                    .filter(w -> printed.get(w).distance(recognised.get(w)) <= 4)
                    .toList();
            System.out.println("turned page: " + inPlace.size() + " of " + common.size() + " words within 4 pt");
            assertThat(common).hasSizeGreaterThan(30);
            assertThat(inPlace.size()).isGreaterThanOrEqualTo(common.size() * 9 / 10);
        }
    }

    @Test
    void aBornDigitalPageKeepsItsOwnTextAndABlankPageStaysBlank() throws Exception {
        Path digital = TestDocuments.vectorPdf(work.resolve("digital.pdf"), List.of(KnownText.PARAGRAPHS.get(3), ""));

        ProducedFile out = convert(converter(), "pdf", "ocr", digital, Map.of("dpi", "150"), work);

        try (PDDocument before = Loader.loadPDF(digital.toFile());
             PDDocument after = Loader.loadPDF(out.path().toFile())) {
            assertThat(after.getNumberOfPages()).isEqualTo(2);
            assertThat(pageText(after, 1)).as("the page's own text, still in its font")
                    .contains(pageText(before, 1).strip().lines().findFirst().orElseThrow());
            assertThat(after.getPage(0).getResources().getFontNames()).isNotEmpty();
            assertThat(pageText(after, 2)).isBlank();
        }
        List<BufferedImage> shownBefore = TestDocuments.pageImages(digital, COMPARE_DPI);
        List<BufferedImage> shownAfter = TestDocuments.pageImages(out.path(), COMPARE_DPI);
        for (int i = 0; i < shownBefore.size(); i++) {
            assertThat(TestDocuments.meanDifference(shownBefore.get(i), shownAfter.get(i))).isLessThan(0.5);
        }
    }

    private static boolean imageOn(PDPage page) throws IOException {
        for (COSName name : page.getResources().getXObjectNames()) {
            if (page.getResources().getXObject(name) instanceof PDImageXObject) {
                return true;
            }
        }
        return false;
    }
}
