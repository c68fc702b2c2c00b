package io.kiln.engine.html;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.ProducedFile;
import io.kiln.engine.pdf.PageSelection;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Prints one page with a renderer into the task's work directory and finishes the PDF: its pages are
 * counted against the page limit and the {@code pages} option is applied with PDFBox — after printing,
 * because only then is the page count known, and so {@code !1} (the last page) means the same with
 * every renderer.
 */
final class PrintedPdf {

    private PrintedPdf() {
    }

    static ProducedFile print(HtmlRenderer renderer, RenderRequest request, ConversionTask task)
            throws InterruptedException {
        String name = task.baseName() + ".pdf";
        Path pdf = task.workDir().resolve(name);
        renderer.render(request, pdf);
        try {
            return new ProducedFile(pdf, name, "pdf", finish(pdf, task));
        } catch (IOException e) {
            throw new ConversionFailed(ErrorCode.ENGINE_FAILED, "the printed PDF could not be read", e);
        }
    }

    private static int finish(Path pdf, ConversionTask task) throws IOException {
        Path selected = pdf.resolveSibling(pdf.getFileName() + ".pages");
        int kept;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            int count = doc.getNumberOfPages();
            if (count > task.maxPages()) {
                throw new ConversionFailed(ErrorCode.TOO_MANY_PAGES,
                        "the page prints on " + count + " pages; the limit is " + task.maxPages());
            }
            if (task.options().pages().isEmpty()) {
                return count;
            }
            PageSelection.apply(doc, task.options().pages());
            doc.save(selected.toFile());
            kept = doc.getNumberOfPages();
        }
        Files.move(selected, pdf, StandardCopyOption.REPLACE_EXISTING);
        return kept;
    }
}
