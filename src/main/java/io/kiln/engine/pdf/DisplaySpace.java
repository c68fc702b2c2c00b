package io.kiln.engine.pdf;

import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.util.Matrix;

/**
 * A page as a reader sees it: its crop box turned by its {@code /Rotate}, with the origin at the
 * visible bottom left. Marks are laid out here ("top right" means what the reader sees there) and
 * {@link #toUser()} maps them onto the page's own coordinates.
 */
record DisplaySpace(double width, double height, Matrix toUser) {

    static DisplaySpace of(PDPage page) {
        PDRectangle box = page.getCropBox();
        float x = box.getLowerLeftX();
        float y = box.getLowerLeftY();
        float w = box.getWidth();
        float h = box.getHeight();
        // a viewer turns the page clockwise by /Rotate; these undo that for a point (dx, dy) it shows
        return switch (Math.floorMod(page.getRotation(), 360)) {
            case 90 -> new DisplaySpace(h, w, new Matrix(0, 1, -1, 0, x + w, y));
            case 180 -> new DisplaySpace(w, h, new Matrix(-1, 0, 0, -1, x + w, y + h));
            case 270 -> new DisplaySpace(h, w, new Matrix(0, -1, 1, 0, x, y + h));
            default -> new DisplaySpace(w, h, Matrix.getTranslateInstance(x, y));
        };
    }
}
