package io.kiln.engine.pdf;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.ProducedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.multipdf.PDFMergerUtility;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * {@code pdf → pdf} and {@code pdf → merge}: the inputs one after another, then the {@code pages}
 * option picks pages of the merged result. The password opens every encrypted input.
 */
final class PdfMerge implements PdfOperation {

    @Override
    public List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException {
        OutputFiles files = new OutputFiles(task);
        // the merged document refers to the sources' objects until it is saved, so they stay open
        List<PDDocument> sources = new ArrayList<>();
        try (PDDocument merged = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
            PDFMergerUtility merger = new PDFMergerUtility();
            int pages = 0;
            for (Path input : task.inputs()) {
                PDDocument source = PdfLoader.open(input, task);
                sources.add(source);
                pages += source.getNumberOfPages();
                PageLimit.check(pages, task.maxPages());
                merger.appendDocument(merged, source);
            }
            Cancellation.check();
            PageSelection.apply(merged, task.options().pages());
            return List.of(files.savePdf(merged, files.name(null, "pdf")));
        } finally {
            sources.forEach(PdfLoader::closeQuietly);
        }
    }
}
