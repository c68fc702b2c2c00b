package io.kiln.engine.pdf;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.PageRanges;
import io.kiln.engine.ProducedFile;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/** {@code pdf → rotate}: turns the selected pages (all by default) clockwise by {@code angle}. */
final class PageRotation implements PdfOperation {

    static final List<String> ANGLES = List.of("90", "180", "270");
    static final String DEFAULT_ANGLE = "90";

    @Override
    public List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException {
        int angle = Integer.parseInt(task.options().string("angle").orElse(DEFAULT_ANGLE));
        OutputFiles files = new OutputFiles(task);
        try (PDDocument doc = PdfLoader.open(task.input(), task)) {
            // a page named twice is still turned once
            for (int p : new LinkedHashSet<>(PageRanges.select(task.options().pages(), doc.getNumberOfPages()))) {
                Cancellation.check();
                PDPage page = doc.getPage(p - 1);
                page.setRotation(Math.floorMod(page.getRotation() + angle, 360));
            }
            return List.of(files.savePdf(doc, files.name(null, "pdf")));
        }
    }
}
