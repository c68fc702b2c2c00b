package io.kiln.engine.pdf;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.ProducedFile;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * {@code pdf → decrypt}: the same document with no encryption. Opening needs the user password when
 * there is one; the owner's restrictions are not enforced, as whoever can open it can print it.
 */
final class PdfDecryption implements PdfOperation {

    @Override
    public List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException {
        OutputFiles files = new OutputFiles(task);
        try (PDDocument doc = PdfLoader.open(task.input(), task)) {
            PageSelection.apply(doc, task.options().pages());
            return List.of(files.savePdf(doc, files.name(null, "pdf")));
        }
    }
}
