package io.kiln.engine.ocr;

import static io.kiln.engine.ocr.OcrTasks.convert;
import static io.kiln.engine.ocr.OcrTasks.converter;
import static io.kiln.engine.ocr.OcrTasks.pageText;
import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.engine.ProducedFile;
import io.kiln.testing.Corpus;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageInputTest {

    @TempDir
    static Path docs;
    static List<BufferedImage> scans;

    @TempDir
    Path work;

    @BeforeAll
    static void makeScans() throws IOException {
        Path vector = TestDocuments.vectorPdf(docs.resolve("vector.pdf"), KnownText.PARAGRAPHS.subList(0, 3));
        scans = TestDocuments.pageImages(vector, TestDocuments.SCAN_DPI);
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpg"})
    void aScannedImageBecomesAPageShowingItWithItsText(String format) throws Exception {
        Path image = TestDocuments.image(scans.getFirst(), format.equals("jpg") ? "jpeg" : format,
                docs.resolve("page." + format));

        ProducedFile pdf = convert(converter(), format, "ocr", image, Map.of(), work);
        ProducedFile txt = convert(converter(), format, "ocr-txt", image, Map.of(), work);

        assertThat(pdf.pageCount()).isEqualTo(1);
        try (PDDocument doc = Loader.loadPDF(pdf.path().toFile())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            assertThat(doc.getPage(0).getResources().getXObjectNames()).as("the image is shown").isNotEmpty();
            assertThat(WordAccuracy.of(KnownText.PARAGRAPHS.getFirst(), pageText(doc, 1))).isGreaterThanOrEqualTo(0.95);
        }
        assertThat(WordAccuracy.of(KnownText.PARAGRAPHS.getFirst(), TextOutputTest.pages(txt).getFirst()))
                .isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void aMultiPageTiffGivesOnePagePerImageInTheOrderAsked() throws Exception {
        Path tiff = TestDocuments.tiff(scans, docs.resolve("pages.tiff"));

        ProducedFile pdf = convert(converter(), "tiff", "ocr", tiff, Map.of("pages", "!1,1"), work);

        assertThat(pdf.pageCount()).isEqualTo(2);
        try (PDDocument doc = Loader.loadPDF(pdf.path().toFile())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(2);
            assertThat(WordAccuracy.of(KnownText.PARAGRAPHS.get(2), pageText(doc, 1))).isGreaterThanOrEqualTo(0.95);
            assertThat(WordAccuracy.of(KnownText.PARAGRAPHS.get(0), pageText(doc, 2))).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void corpusImagesWithTextAreRead() throws Exception {
        ProducedFile png = convert(converter(), "png", "ocr-txt", Corpus.file("images/testOCR.png"), Map.of(), work);
        assertThat(TextOutputTest.pages(png)).singleElement().asString()
                .contains("This file contains some words.");

        ProducedFile tiff = convert(converter(), "tiff", "ocr-txt", Corpus.file("images/testTIFF_multipage.tif"),
                Map.of("pages", "2"), work);
        assertThat(TextOutputTest.pages(tiff)).singleElement().asString()
                .contains("Multipage").contains("Page 2").doesNotContain("Page 1");
    }

    @Test
    void anImageToTxtIsRecognisedWithoutSayingOcr() throws Exception {
        ProducedFile txt = convert(converter(), "png", "txt", Corpus.file("images/testOCR.png"), Map.of(), work);
        assertThat(TextOutputTest.pages(txt)).singleElement().asString().contains("This file contains some words.");
        assertThat(converter().capabilities()).anySatisfy(c -> {
            assertThat(c.from()).contains("png", "jpg", "tiff");
            assertThat(c.to()).isEqualTo("txt");
        });
    }

    @Test
    void anImageTesseractCannotReadIsDecodedFirst() throws Exception {
        // Leptonica fails on CMYK JPEG; ImageIO (TwelveMonkeys) reads it
        Path cmyk = Corpus.file("images/pil_sample_cmyk.jpg");

        ProducedFile pdf = convert(converter(), "jpg", "ocr", cmyk, Map.of(), work);

        assertThat(pdf.pageCount()).isEqualTo(1);
        try (PDDocument doc = Loader.loadPDF(pdf.path().toFile())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
        }
    }
}
