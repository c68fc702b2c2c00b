package io.kiln.engine.libreoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.testing.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pages, pdfa, password, landscape, singlePageSheets and sheet. */
class OptionsTest {

    private static LibreOfficePool pool;
    private static LibreOfficeConverter converter;

    @TempDir
    static Path shared;

    @BeforeAll
    static void start() {
        pool = OfficeTasks.pool(shared.resolve("data"), 2);
        converter = new LibreOfficeConverter(pool);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    private static ProducedFile convert(String file, String to, Map<String, String> options) throws Exception {
        return converter.convert(OfficeTasks.task(Corpus.file(file), to, options)).getFirst();
    }

    @Test
    void pagesKeepsTheRangesAskedForInOrder() throws Exception {
        ProducedFile all = convert("txt/alice29.txt", "pdf", Map.of());
        ProducedFile some = convert("txt/alice29.txt", "pdf", Map.of("pages", "1,3-5,!1"));
        int last = all.pageCount();

        assertThat(last).isGreaterThan(5);
        assertThat(some.pageCount()).isEqualTo(5);
        assertThat(OfficeTasks.pdfPages(some)).isEqualTo(5);
        assertThat(pageText(some, 2)).isEqualTo(pageText(all, 3));
        assertThat(pageText(some, 5)).isEqualTo(pageText(all, last));
    }

    @Test
    void pagesOutsideTheDocumentAreAnInvalidOption() {
        assertThatThrownBy(() -> convert("odt/images.odt", "pdf", Map.of("pages", "2-9")))
                .isInstanceOf(ConversionFailed.class)
                .satisfies(e -> assertThat(((ConversionFailed) e).code()).isEqualTo(ErrorCode.INVALID_OPTION));
    }

    @Test
    void aDocumentOverThePageLimitIsRefused() throws Exception {
        for (String file : java.util.List.of("odt/images.odt", "xlsx/SampleSS.xlsx")) {
            var task = OfficeTasks.task(Corpus.file(file), "pdf", Map.of());
            var limited = new io.kiln.engine.ConversionTask(task.from(), task.to(), task.inputs(), task.options(),
                    task.workDir(), task.baseName(), task.timeout(), 1);

            assertThatThrownBy(() -> converter.convert(limited)).isInstanceOf(ConversionFailed.class)
                    .hasMessageContaining("the limit is 1")
                    .satisfies(e -> assertThat(((ConversionFailed) e).code()).isEqualTo(ErrorCode.TOO_MANY_PAGES));
            assertThat(task.workDir()).isEmptyDirectory();
        }
    }

    @Test
    void pdfaWritesPdfA2bThatVeraPdfPasses() throws Exception {
        ProducedFile pdf = convert("docx/TestTableColumns.docx", "pdf", Map.of("pdfa", "true"));
        ProducedFile selected = convert("docx/TestTableColumns.docx", "pdf", Map.of("pdfa", "true", "pages", "1"));

        try (PDDocument doc = Loader.loadPDF(pdf.path().toFile())) {
            String xmp = new String(doc.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
            assertThat(xmp).containsPattern("pdfaid:part(=\"|>)2").containsPattern("pdfaid:conformance(=\"|>)B");
        }
        // the engine checked it already; veraPDF asked directly, as an archive would, agrees
        assertThat(io.kiln.testing.VeraPdf.brokenRules(pdf.path(), "2b")).isEmpty();
        assertThat(io.kiln.testing.VeraPdf.brokenRules(selected.path(), "2b")).as("after PDFBox kept page 1").isEmpty();
    }

    @Test
    void pdfaThatVeraPdfRejectsFailsTheJobWithItsReasons() {
        // LibreOffice says PDF/A-2b of this one, but leaves an annotation without an appearance
        assertThatThrownBy(() -> convert("odt/HeaderFooter.odt", "pdf", Map.of("pdfa", "true")))
                .isInstanceOf(io.kiln.error.ConversionFailed.class)
                .hasMessageContaining("not PDF/A-2b").hasMessageContaining("6.3.3-1")
                .satisfies(e -> assertThat(((io.kiln.error.ConversionFailed) e).code())
                        .isEqualTo(io.kiln.engine.pdfa.PdfaValidation.NOT_COMPLIANT));
    }

    @Test
    void aPlainPdfHasNoPdfAIdentification() throws Exception {
        ProducedFile pdf = convert("docx/TestTableColumns.docx", "pdf", Map.of());

        try (PDDocument doc = Loader.loadPDF(pdf.path().toFile())) {
            var metadata = doc.getDocumentCatalog().getMetadata();
            String xmp = metadata == null ? "" : new String(metadata.toByteArray(), StandardCharsets.UTF_8);
            assertThat(xmp).doesNotContain("pdfaid:part");
        }
    }

    @Test
    void passwordOpensAnEncryptedDocument() throws Exception {
        ProducedFile pdf = convert("bad/encrypted-with-pwd_hello.odt", "pdf", Map.of("password", "hello"));

        assertThat(pdf.pageCount()).isPositive();
    }

    @Test
    void landscapeTurnsEveryPage() throws Exception {
        ProducedFile portrait = convert("docx/TestTableColumns.docx", "pdf", Map.of());
        ProducedFile landscape = convert("docx/TestTableColumns.docx", "pdf", Map.of("landscape", "true"));
        ProducedFile sheet = convert("xlsx/SampleSS.xlsx", "pdf", Map.of("landscape", "true"));

        assertThat(firstPage(portrait).getWidth()).isLessThan(firstPage(portrait).getHeight());
        assertThat(firstPage(landscape).getWidth()).isGreaterThan(firstPage(landscape).getHeight());
        assertThat(firstPage(sheet).getWidth()).isGreaterThan(firstPage(sheet).getHeight());
    }

    @Test
    void singlePageSheetsPutsEachSheetOnOnePage() throws Exception {
        String workbook = "xlsx/ConditionalFormattingSamples.xlsx"; // 18 sheets, 39 pages
        ProducedFile usual = convert(workbook, "pdf", Map.of());
        ProducedFile single = convert(workbook, "pdf", Map.of("singlePageSheets", "true"));

        assertThat(single.pageCount()).isLessThan(usual.pageCount()).isLessThanOrEqualTo(18);
    }

    @Test
    void sheetChoosesTheSheetWrittenToCsv() throws Exception {
        String first = Files.readString(convert("xlsx/SampleSS.xlsx", "csv", Map.of()).path());
        String alsoFirst = Files.readString(convert("xlsx/SampleSS.xlsx", "csv", Map.of("sheet", "1")).path());
        String second = Files.readString(convert("xlsx/SampleSS.xlsx", "csv", Map.of("sheet", "2")).path());

        assertThat(alsoFirst).isEqualTo(first);
        assertThat(second).isNotEqualTo(first);
        assertThatThrownBy(() -> convert("xlsx/SampleSS.xlsx", "csv", Map.of("sheet", "99")))
                .isInstanceOf(ConversionFailed.class).hasMessageContaining("sheet")
                .satisfies(e -> assertThat(((ConversionFailed) e).code()).isEqualTo(ErrorCode.INVALID_OPTION));
    }

    private static PDRectangle firstPage(ProducedFile pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.path().toFile())) {
            return doc.getPage(0).getMediaBox();
        }
    }

    private static String pageText(ProducedFile pdf, int page) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.path().toFile())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(page);
            stripper.setEndPage(page);
            return stripper.getText(doc);
        }
    }
}
