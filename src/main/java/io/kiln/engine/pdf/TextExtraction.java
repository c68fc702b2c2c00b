package io.kiln.engine.pdf;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.PageRanges;
import io.kiln.engine.ProducedFile;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** {@code pdf → txt}: the text of the selected pages, in order, as UTF-8. */
final class TextExtraction implements PdfOperation {

    @Override
    public List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException {
        OutputFiles files = new OutputFiles(task);
        ProducedFile out = files.file(files.name(null, "txt"), "txt", null);
        try (PDDocument doc = PdfLoader.open(task.input(), task);
             Writer writer = Files.newBufferedWriter(out.path(), StandardCharsets.UTF_8)) {
            PDFTextStripper stripper = new PDFTextStripper();
            // one page at a time, so a cancelled job stops between pages and any order is honoured
            for (int page : PageRanges.select(task.options().pages(), doc.getNumberOfPages())) {
                Cancellation.check();
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                stripper.writeText(doc, writer);
            }
        }
        return List.of(out);
    }
}
