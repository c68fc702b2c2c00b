package io.kiln.engine.pdf;

import static io.kiln.engine.pdf.PdfTasks.convert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.testing.XlsxSheets;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pdf → xlsx}, read back with a spreadsheet reader: a corpus paper's table (tracemonkey.pdf),
 * and tables drawn here with PDFBox whose every cell is known: text left-aligned in its column,
 * numbers right-aligned, as spreadsheets and reports print them. A LibreOffice-printed corpus
 * spreadsheet goes through the ConvertAPI routes (OfficeTableToXlsxTest there).
 */
class SpreadsheetExportTest {

    private static final PDType1Font BODY = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    @TempDir
    Path work;

    @Test
    void aTablesTextAndNumbersLandInTheirRowsAndColumns() throws Exception {
        XlsxSheets book = XlsxSheets.read(only(convert(work.resolve("out"), "xlsx", Map.of(), table())).path());

        assertThat(book.names()).containsExactly("Page 1", "Page 2");
        assertThat(book.at(0, "A1")).isEqualTo("Quarterly sales");
        assertThat(List.of(book.at(0, "A2"), book.at(0, "B2"), book.at(0, "C2"), book.at(0, "D2")))
                .containsExactly("Region", "Units", "Revenue", "Code");
        // right-aligned numbers sit under their left-aligned headings, as numbers
        assertThat(book.at(0, "A3")).isEqualTo("North");
        assertThat(book.at(0, "B3")).isEqualTo(new BigDecimal("1204"));
        assertThat(book.at(0, "C3")).isEqualTo(new BigDecimal("15300.50"));
        assertThat(book.at(0, "B4")).isEqualTo(new BigDecimal("98"));
        assertThat(book.at(0, "C4")).isEqualTo(new BigDecimal("-2000"));
        assertThat(book.at(0, "A5")).as("words of one cell stay together").isEqualTo("East West");
        assertThat(book.at(0, "C5")).isEqualTo(new BigDecimal("7.5"));
        // codes with a leading zero would lose it as numbers
        assertThat(List.of(book.at(0, "D3"), book.at(0, "D4"), book.at(0, "D5"))).containsExactly("007", "0420", "X1");
        assertThat(book.cells().get(0)).hasSize(1 + 4 * 4);

        assertThat(book.at(1, "A1")).isEqualTo("Notes");
        assertThat(book.at(1, "A2")).isEqualTo("Total");
        assertThat(book.at(1, "B2")).isEqualTo(new BigDecimal("1314"));
    }

    @Test
    void aCorpusDocumentGivesOneSheetPerPageWithItsText() throws Exception {
        ProducedFile out = only(convert(work, "xlsx", Map.of(), "pdf/pdflatex-4-pages.pdf"));
        XlsxSheets book = XlsxSheets.read(out.path());

        assertThat(out.name()).isEqualTo("out.xlsx");
        assertThat(out.ext()).isEqualTo("xlsx");
        assertThat(book.names()).containsExactly("Page 1", "Page 2", "Page 3", "Page 4");
        assertThat(String.join(" ", List.of(book.text(0), book.text(1), book.text(2), book.text(3))))
                .contains("Huardest").contains("alphabet");
        // running text is one column: a line a row
        assertThat(book.cells().get(0).keySet()).allMatch(address -> address.startsWith("A"));
    }

    @Test
    void aCorpusPapersTableBesideTwoColumnsOfTextKeepsItsColumns() throws Exception {
        // tracemonkey.pdf page 12, Figure 13: ten columns over a page whose text runs in two columns
        XlsxSheets book = XlsxSheets.read(only(convert(work, "xlsx", Map.of("pages", "12"), "pdf/tracemonkey.pdf")).path());

        assertThat(book.names()).containsExactly("Page 12");
        Map<String, Object> cells = book.cells().getFirst();
        int row = rowOf(cells, "3d-cube");
        List<String> columns = List.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J");
        assertThat(columns.stream().map(c -> cells.get(c + row)).toList()).as(cells.toString()).containsExactly(
                "3d-cube", new BigDecimal("25"), new BigDecimal("27"), new BigDecimal("29"), new BigDecimal("3"),
                new BigDecimal("0"), new BigDecimal("1.1"), new BigDecimal("1.1"), new BigDecimal("1.2"), "2.20x");
        int next = rowOf(cells, "3d-morph");
        assertThat(next).isEqualTo(row + 1);
        assertThat(cells.get("D" + next)).isEqualTo(new BigDecimal("8"));
        assertThat(cells.get("J" + (row - 1))).as("the heading over its column").isEqualTo("Speedup");
        assertThat(cells.get("B" + (row - 1))).isEqualTo("Loops");
    }

    /** The 1-based row of the cell in column A that holds {@code text}. */
    private static int rowOf(Map<String, Object> cells, String text) {
        return cells.entrySet().stream().filter(e -> text.equals(e.getValue()) && e.getKey().matches("A\\d+"))
                .map(e -> Integer.parseInt(e.getKey().substring(1))).findFirst()
                .orElseThrow(() -> new AssertionError("no cell in column A holds " + text + ": " + cells));
    }

    @Test
    void onlyTheSelectedPagesBecomeSheets() throws Exception {
        XlsxSheets book = XlsxSheets.read(only(convert(work, "xlsx", Map.of("pages", "4,2,4"),
                "pdf/pdflatex-4-pages.pdf")).path());

        assertThat(book.names()).containsExactly("Page 4", "Page 2");
    }

    @Test
    void anEncryptedDocumentOpensWithItsPassword() throws Exception {
        XlsxSheets book = XlsxSheets.read(only(convert(work, "xlsx", Map.of("password", "openpassword"),
                "bad/libreoffice-writer-password.pdf")).path());

        assertThat(book.text(0)).contains("Lorem ipsum");
    }

    @Test
    void thePageLimitHolds() {
        assertThatThrownBy(() -> new PdfConverter().convert(
                PdfTasks.task(work, "xlsx", Map.of(), 3, "pdf/pdflatex-4-pages.pdf")))
                .isInstanceOfSatisfying(ConversionFailed.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_PAGES));
    }

    @Test
    void aCancelledJobStopsBeforeReading() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> convert(work, "xlsx", Map.of(), "pdf/pdflatex-4-pages.pdf"))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void theOperationIsListedWithItsOptions() {
        assertThat(new PdfConverter().capabilities()).anySatisfy(c -> {
            assertThat(c.accepts("pdf", "xlsx")).isTrue();
            assertThat(c.options()).extracting(o -> o.name()).contains("pages", "password");
        });
    }

    @Test
    void aReportPrintedAsSpacePaddedLinesIsStillCutIntoCells() throws Exception {
        Path report = work.resolve("report.pdf");
        PDType1Font mono = new PDType1Font(Standard14Fonts.FontName.COURIER);
        try (PDDocument doc = new PDDocument()) {
            PDPage page = page(doc);
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                left(s, mono, 10, 72, 72, "Item        Qty   Price");
                left(s, mono, 10, 72, 84, "Pens         12    3.50");
                left(s, mono, 10, 72, 96, "Paper pads    4   11.00");
            }
            doc.save(report.toFile());
        }

        XlsxSheets book = XlsxSheets.read(only(convert(work.resolve("out"), "xlsx", Map.of(), report)).path());

        assertThat(List.of(book.at(0, "A1"), book.at(0, "B1"), book.at(0, "C1"))).containsExactly("Item", "Qty", "Price");
        assertThat(List.of(book.at(0, "A2"), book.at(0, "B2"), book.at(0, "C2")))
                .containsExactly("Pens", new BigDecimal("12"), new BigDecimal("3.50"));
        assertThat(List.of(book.at(0, "A3"), book.at(0, "B3"), book.at(0, "C3")))
                .containsExactly("Paper pads", new BigDecimal("4"), new BigDecimal("11.00"));
    }

    @Test
    void aPageOfMoreWordsThanTheCapIsRefusedAsTooLarge() throws Exception {
        Path crowded = work.resolve("crowded.pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = page(doc);
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                String line = "a ".repeat(101).strip();
                for (int i = 0; i < 500; i++) { // 500 lines of 101 words: past the cap of 50,000
                    left(s, BODY, 1, 20, 20 + i * 1.5f, line);
                }
            }
            doc.save(crowded.toFile());
        }

        assertThatThrownBy(() -> convert(work.resolve("out"), "xlsx", Map.of(), crowded))
                .isInstanceOfSatisfying(ConversionFailed.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DOCUMENT_TOO_LARGE);
                    assertThat(e.getMessage()).contains(Integer.toString(PageWords.MAX_WORDS));
                });
    }

    private static ProducedFile only(List<ProducedFile> files) {
        assertThat(files).hasSize(1);
        return files.getFirst();
    }

    /** Two pages: a titled table of four columns, then a note and a total. */
    private Path table() throws IOException {
        Path file = work.resolve("table.pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage first = page(doc);
            try (PDPageContentStream s = new PDPageContentStream(doc, first)) {
                left(s, BOLD, 14, 72, 72, "Quarterly sales");
                float y = 110;
                left(s, BODY, 10, 72, y, "Region");
                left(s, BODY, 10, 200, y, "Units");
                left(s, BODY, 10, 320, y, "Revenue");
                left(s, BODY, 10, 450, y, "Code");
                String[][] rows = {{"North", "1,204", "15,300.50", "007"}, {"South", "98", "-2,000", "0420"},
                    {"East West", "12", "7.5", "X1"}};
                for (String[] row : rows) {
                    y += 16;
                    left(s, BODY, 10, 72, y, row[0]);
                    right(s, 250, y, row[1]);
                    right(s, 390, y, row[2]);
                    left(s, BODY, 10, 450, y, row[3]);
                }
            }
            PDPage second = page(doc);
            try (PDPageContentStream s = new PDPageContentStream(doc, second)) {
                left(s, BOLD, 12, 72, 72, "Notes");
                left(s, BODY, 10, 72, 92, "Total");
                right(s, 250, 92, "1314");
            }
            doc.save(file.toFile());
        }
        return file;
    }

    private static PDPage page(PDDocument doc) {
        PDPage page = new PDPage(PDRectangle.LETTER);
        doc.addPage(page);
        return page;
    }

    /** Text starting at {@code x}, its baseline {@code fromTop} points below the page's top. */
    private static void left(PDPageContentStream s, PDType1Font font, float size, float x, float fromTop, String text)
            throws IOException {
        s.beginText();
        s.setFont(font, size);
        s.newLineAtOffset(x, PDRectangle.LETTER.getHeight() - fromTop);
        s.showText(text);
        s.endText();
    }

    /** Body text ending at {@code x}, as a right-aligned number is printed. */
    private static void right(PDPageContentStream s, float x, float fromTop, String text) throws IOException {
        left(s, BODY, 10, x - BODY.getStringWidth(text) / 1000 * 10, fromTop, text);
    }
}
