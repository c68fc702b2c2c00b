package io.kiln.engine.libreoffice;

import io.kiln.engine.pdf.PageSelection;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * What happens to a PDF LibreOffice wrote: its pages are counted (against the page limit) and the
 * {@code pages} option is applied with PDFBox, so the full syntax ({@code 1,3-5,!1}) works and the
 * catalog (outline, metadata, PDF/A identification) stays with the pages kept.
 */
final class PdfOutput {

    private PdfOutput() {
    }

    /** Checks the limit, keeps only the pages asked for, and returns the final page count. */
    static int finish(Path pdf, Optional<String> pages, int maxPages) throws IOException {
        // PDFBox reads the source lazily: the selection is written beside it, then replaces it
        Path selected = pdf.resolveSibling(pdf.getFileName() + ".pages");
        int kept;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            int count = doc.getNumberOfPages();
            if (count > maxPages) {
                throw new ConversionFailed(ErrorCode.TOO_MANY_PAGES,
                        "The document has " + count + " pages; the limit is " + maxPages + ".");
            }
            if (pages.isEmpty()) {
                return count;
            }
            PageSelection.apply(doc, pages);
            doc.save(selected.toFile());
            kept = doc.getNumberOfPages();
        }
        Files.move(selected, pdf, StandardCopyOption.REPLACE_EXISTING);
        return kept;
    }
}
