package io.kiln.engine.ocr;

import static io.kiln.engine.ocr.OcrTasks.convert;
import static io.kiln.engine.ocr.OcrTasks.converter;
import static io.kiln.engine.ocr.OcrTasks.pageText;
import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.engine.ProducedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextOutputTest {

    @TempDir
    static Path docs;
    static Path scan;

    @TempDir
    Path work;

    @BeforeAll
    static void makeDocuments() throws IOException {
        Path vector = TestDocuments.vectorPdf(docs.resolve("vector.pdf"), KnownText.PARAGRAPHS.subList(0, 3));
        scan = TestDocuments.scannedPdf(vector, docs.resolve("scan.pdf"));
    }

    @Test
    void ocrTxtGivesThePagesAskedForSeparatedByFormFeeds() throws Exception {
        ProducedFile out = convert(converter(), "pdf", "ocr-txt", scan, Map.of("pages", "3,1"), work);

        assertThat(out.name()).isEqualTo("out.txt");
        assertThat(out.ext()).isEqualTo("txt");
        List<String> pages = pages(out);
        assertThat(pages).hasSize(2);
        double third = WordAccuracy.of(KnownText.PARAGRAPHS.get(2), pages.get(0));
        double first = WordAccuracy.of(KnownText.PARAGRAPHS.get(0), pages.get(1));
        System.out.printf("ocr-txt word accuracy: %.3f, %.3f%n", third, first);
        assertThat(third).isGreaterThanOrEqualTo(0.95);
        assertThat(first).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void pagesCountingFromTheEndChooseWhatTheSearchablePdfHolds() throws Exception {
        ProducedFile out = convert(converter(), "pdf", "ocr", scan, Map.of("pages", "!1"), work);

        assertThat(out.pageCount()).isEqualTo(1);
        try (PDDocument doc = Loader.loadPDF(out.path().toFile())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            assertThat(WordAccuracy.of(KnownText.PARAGRAPHS.get(2), pageText(doc, 1))).isGreaterThanOrEqualTo(0.95);
        }
    }

    /** The text of each page: a form feed separates pages, as in tesseract's own multi-page text. */
    static List<String> pages(ProducedFile txt) throws IOException {
        String text = Files.readString(txt.path(), StandardCharsets.UTF_8);
        assertThat(text).doesNotEndWith("\f");
        return Arrays.asList(text.split("\f", -1));
    }
}
