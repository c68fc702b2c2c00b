package io.kiln.engine.ocr;

import java.io.IOException;
import org.apache.pdfbox.multipdf.LayerUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.util.Matrix;

/**
 * Lays tesseract's invisible text over an original page, whose own content stays as it was. The
 * text was read from the page as displayed (crop box, turned by {@code /Rotate}), so it is scaled
 * to the displayed size and turned back into the page's own coordinates.
 */
final class TextLayer {

    private final PDDocument target;
    private final LayerUtility layers;

    TextLayer(PDDocument target) {
        this.target = target;
        this.layers = new LayerUtility(target);
    }

    /** Adds the first page of {@code text} (a text-only PDF of the displayed page) on top of {@code page}. */
    void overlay(PDPage page, PDDocument text) throws IOException {
        PDFormXObject form = layers.importPageAsForm(text, 0);
        PDRectangle bbox = form.getBBox();
        PDRectangle crop = page.getCropBox();
        int rotation = Math.floorMod(page.getRotation(), 360);
        boolean turned = rotation == 90 || rotation == 270;
        float shownWidth = turned ? crop.getHeight() : crop.getWidth();
        float shownHeight = turned ? crop.getWidth() : crop.getHeight();
        // resetContext: the page's own content is wrapped in q/Q so its leftover state cannot move the text
        try (PDPageContentStream out = new PDPageContentStream(target, page, AppendMode.APPEND, true, true)) {
            out.transform(displayToPage(crop, rotation));
            out.transform(new Matrix(shownWidth / bbox.getWidth(), 0, 0, shownHeight / bbox.getHeight(),
                    -bbox.getLowerLeftX() * shownWidth / bbox.getWidth(),
                    -bbox.getLowerLeftY() * shownHeight / bbox.getHeight()));
            out.drawForm(form);
        }
    }

    /**
     * Maps a point of the displayed page (origin at its lower left) to the page's user space: a page
     * with {@code /Rotate r} is shown turned r degrees clockwise.
     */
    static Matrix displayToPage(PDRectangle crop, int rotation) {
        float x0 = crop.getLowerLeftX();
        float y0 = crop.getLowerLeftY();
        float x1 = crop.getUpperRightX();
        float y1 = crop.getUpperRightY();
        return switch (rotation) {
            case 90 -> new Matrix(0, 1, -1, 0, x1, y0);
            case 180 -> new Matrix(-1, 0, 0, -1, x1, y1);
            case 270 -> new Matrix(0, -1, 1, 0, x0, y1);
            default -> new Matrix(1, 0, 0, 1, x0, y0);
        };
    }
}
