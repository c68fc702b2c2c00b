package io.kiln.engine.ocr;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * A PDF page rendered for tesseract: grey (tesseract reads grey anyway) and written as a raw PGM,
 * which costs nothing to encode or decode, unlike PNG. The caller's renderer is not thread-safe,
 * so pages are rendered one at a time on the task's thread.
 */
final class PageRaster {

    static final int DEFAULT_DPI = 300;
    static final int MIN_DPI = 70;
    static final int MAX_DPI = 600;
    /** Bounds the memory of one page image (one byte a pixel); a larger page is read at a lower dpi. */
    static final long MAX_PIXELS = 100_000_000L;

    /** The image file and the resolution it was rendered at. */
    record Rendered(Path file, int dpi) {
    }

    private PageRaster() {
    }

    static Rendered render(PDFRenderer renderer, PDPage page, int pageIndex, int dpi, Path file) throws IOException {
        int fitting = fittingDpi(page.getCropBox(), dpi);
        BufferedImage image = renderer.renderImageWithDPI(pageIndex, fitting, ImageType.GRAY);
        writePgm(image, file);
        return new Rendered(file, fitting);
    }

    /** {@code dpi}, or less for a page so large that it would not fit {@link #MAX_PIXELS}. */
    static int fittingDpi(PDRectangle box, int dpi) {
        double scale = dpi / 72.0;
        double pixels = Math.ceil(box.getWidth() * scale) * Math.ceil(box.getHeight() * scale);
        return pixels <= MAX_PIXELS ? dpi : Math.max(1, (int) Math.floor(dpi * Math.sqrt(MAX_PIXELS / pixels)));
    }

    private static void writePgm(BufferedImage image, Path file) throws IOException {
        int width = image.getWidth();
        int height = image.getHeight();
        Raster raster = image.getRaster();
        byte[] row = new byte[width];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(("P5\n" + width + " " + height + "\n255\n").getBytes(StandardCharsets.US_ASCII));
            for (int y = 0; y < height; y++) {
                raster.getDataElements(0, y, width, 1, row);
                out.write(row);
            }
        }
    }
}
