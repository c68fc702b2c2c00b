package io.kiln.engine.image;

import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.awt.geom.AffineTransform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.util.Matrix;

/**
 * Writes one PDF with a page per image (every page of a TIFF, the first frame of a GIF), in input
 * order. Plain JPEGs are embedded byte for byte; other images losslessly. Pages spill to temporary
 * files rather than the heap.
 */
final class ImagesToPdf {

    private final long maxPixels;

    ImagesToPdf(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** Writes {@code out} and returns its page count. */
    int write(List<Path> inputs, PageLayout layout, int maxPages, Path out) throws InterruptedException {
        int total = 0;
        for (Path input : inputs) {
            try (SourceImage source = SourceImage.open(input, maxPixels)) {
                total += source.pageCount();
            }
        }
        if (total > maxPages) {
            throw new ConversionFailed(ErrorCode.TOO_MANY_PAGES,
                    "the images make " + total + " pages; the limit is " + maxPages);
        }
        try (PDDocument pdf = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
            for (Path input : inputs) {
                try (SourceImage source = SourceImage.open(input, maxPixels)) {
                    for (int i = 0; i < source.pageCount(); i++) {
                        if (Thread.currentThread().isInterrupted()) {
                            throw new InterruptedException("image to pdf interrupted");
                        }
                        FrameInfo info = source.describe(i);
                        addPage(pdf, picture(pdf, source, input, i, info), info, layout);
                    }
                }
            }
            pdf.save(out.toFile());
            return total;
        } catch (IOException e) {
            throw new ConversionFailed(ErrorCode.ENGINE_FAILED, "the pdf could not be written", e);
        }
    }

    private static PDImageXObject picture(PDDocument pdf, SourceImage source, Path input, int index, FrameInfo info)
            throws IOException {
        if (info.plainJpeg()) {
            try {
                return JPEGFactory.createFromByteArray(pdf, Files.readAllBytes(input));
            } catch (IOException | RuntimeException e) {
                // not embeddable as is: fall through and decode it
            }
        }
        return LosslessFactory.createFromImage(pdf, PixelConversion.eightBitSrgb(source.decode(index)));
    }

    private static void addPage(PDDocument pdf, PDImageXObject picture, FrameInfo info, PageLayout layout)
            throws IOException {
        PageLayout.Placement at = layout.place(info.uprightWidthPt(), info.uprightHeightPt());
        PDPage page = new PDPage(at.page());
        pdf.addPage(page);
        double storedW = info.width() * 72 / info.dpiX();
        double storedH = info.height() * 72 / info.dpiY();
        double scale = at.width() / info.uprightWidthPt();
        // image unit square -> stored image (y down) -> upright -> scaled -> page (y up)
        AffineTransform m = new AffineTransform(1, 0, 0, -1, at.x(), at.y() + at.height());
        m.concatenate(AffineTransform.getScaleInstance(scale, scale));
        m.concatenate(info.orientation().transform(storedW, storedH));
        m.concatenate(new AffineTransform(storedW, 0, 0, -storedH, 0, storedH));
        try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
            content.drawImage(picture, new Matrix(m));
        }
    }
}
