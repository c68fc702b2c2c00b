package io.kiln.engine.pdf;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.PageRanges;
import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/** {@code pdf → png|jpg|tiff}: one image per selected page, named {@code <baseName>-<page>.<ext>}. */
final class PageRendering implements PdfOperation {

    static final int DEFAULT_DPI = 150;
    static final int MIN_DPI = 10;
    static final int MAX_DPI = 600;
    /** Bounds the memory of one page image (4 bytes a pixel, ~300 MB); A3 at 600 dpi still fits. */
    static final long MAX_PIXELS = 75_000_000L;

    private final RasterFormat format;

    PageRendering(RasterFormat format) {
        this.format = format;
    }

    @Override
    public List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException {
        int dpi = task.options().integer("dpi", DEFAULT_DPI);
        OutputFiles files = new OutputFiles(task);
        List<ProducedFile> outputs = new ArrayList<>();
        try (PDDocument doc = PdfLoader.open(task.input(), task)) {
            PDFRenderer renderer = new PDFRenderer(doc);
            // a page asked for twice would only overwrite its own file
            for (int page : new LinkedHashSet<>(PageRanges.select(task.options().pages(), doc.getNumberOfPages()))) {
                Cancellation.check();
                checkSize(doc.getPage(page - 1).getCropBox(), page, dpi);
                BufferedImage image = renderer.renderImageWithDPI(page - 1, dpi, ImageType.RGB);
                ProducedFile out = files.file(files.name(String.valueOf(page), format.ext), format.ext,
                        format == RasterFormat.TIFF ? 1 : null);
                format.write(image, out.path());
                outputs.add(out);
            }
        }
        return outputs;
    }

    private static void checkSize(PDRectangle box, int page, int dpi) {
        double scale = dpi / 72.0;
        double pixels = Math.ceil(box.getWidth() * scale) * Math.ceil(box.getHeight() * scale);
        if (pixels > MAX_PIXELS) {
            int fitting = (int) Math.floor(dpi * Math.sqrt(MAX_PIXELS / pixels));
            throw new ConversionFailed(ErrorCode.INVALID_OPTION, "Page " + page + " is too large to render at "
                    + dpi + " dpi; use a dpi of " + Math.max(MIN_DPI, fitting) + " or less.");
        }
    }
}
