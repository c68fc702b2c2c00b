package io.kiln.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;

/** Where a page changed: both versions rendered, the box of the pixels that differ, in points from the visible top left. */
public final class PageChanges {

    private static final int DPI = 36;

    private PageChanges() {
    }

    /** {@code [left, top, right, bottom]} in points; empty (all -1) when nothing changed. Pages count from 1. */
    public static double[] box(Path source, Path marked, int page) throws IOException {
        BufferedImage a = render(source, page);
        BufferedImage b = render(marked, page);
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    box[0] = Math.min(box[0], x);
                    box[1] = Math.min(box[1], y);
                    box[2] = Math.max(box[2], x + 1);
                    box[3] = Math.max(box[3], y + 1);
                }
            }
        }
        if (box[2] < 0) {
            return new double[] {-1, -1, -1, -1};
        }
        double scale = 72.0 / DPI;
        return new double[] {box[0] * scale, box[1] * scale, box[2] * scale, box[3] * scale};
    }

    private static BufferedImage render(Path pdf, int page) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFRenderer(doc).renderImageWithDPI(page - 1, DPI);
        }
    }
}
