package io.kiln.engine.pdf;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.PageRanges;
import io.kiln.engine.ProducedFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * {@code pdf → xlsx}: each selected page's text as a worksheet of cells, named {@code Page <n>} after
 * the page ({@link CellGrid} says which text goes in which cell); texts that are plain numbers become
 * numeric cells ({@link CellNumber}). A page named twice in {@code pages} is one sheet: sheet names
 * are unique. Text only: no OCR, fonts, colours or ruling lines. The page limit holds as for every
 * PDF operation, a page's words are capped ({@link PageWords#MAX_WORDS}), and a cancelled job stops
 * between pages.
 */
final class SpreadsheetExport implements PdfOperation {

    @Override
    public List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException {
        OutputFiles files = new OutputFiles(task);
        ProducedFile out = files.file(files.name(null, "xlsx"), "xlsx", null);
        try (PDDocument doc = PdfLoader.open(task.input(), task);
             OutputStream stream = Files.newOutputStream(out.path())) {
            Workbook book = new Workbook(stream, "Kiln", "1.0");
            for (int page : new LinkedHashSet<>(PageRanges.select(task.options().pages(), doc.getNumberOfPages()))) {
                Cancellation.check();
                write(book.newWorksheet("Page " + page), CellGrid.of(TextRow.of(PageWords.of(doc, page))));
            }
            book.finish();
        }
        return List.of(out);
    }

    private static void write(Worksheet sheet, List<CellGrid.Cell> cells) throws IOException {
        for (CellGrid.Cell cell : cells) {
            var number = CellNumber.of(cell.text());
            if (number.isPresent()) {
                sheet.value(cell.row(), cell.column(), number.get());
            } else {
                sheet.value(cell.row(), cell.column(), cell.text());
            }
        }
        sheet.finish(); // written out now, so only one page's cells are held at a time
    }
}
