package io.kiln.engine.image;

import java.util.Locale;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * Where an image goes on a PDF page. {@code IMAGE} makes the page the image's size (plus margins);
 * {@code A4} and {@code LETTER} turn the page to the image's orientation and centre the image
 * inside the margins, shrinking it to fit but never enlarging it.
 */
record PageLayout(PageSize size, double margin) {

    /** Largest page side most PDF readers accept (200 inches). */
    static final double MAX_PAGE_SIDE = 14_400;

    enum PageSize {
        IMAGE, A4, LETTER;

        static PageSize of(String option) {
            return valueOf(option.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** A page and the box the image fills, in points. */
    record Placement(PDRectangle page, double x, double y, double width, double height) {
    }

    Placement place(double imageWidth, double imageHeight) {
        if (size == PageSize.IMAGE) {
            double scale = Math.min(1, Math.min((MAX_PAGE_SIDE - 2 * margin) / imageWidth,
                    (MAX_PAGE_SIDE - 2 * margin) / imageHeight));
            double w = imageWidth * scale;
            double h = imageHeight * scale;
            return new Placement(new PDRectangle((float) (w + 2 * margin), (float) (h + 2 * margin)), margin, margin, w, h);
        }
        PDRectangle paper = size == PageSize.A4 ? PDRectangle.A4 : PDRectangle.LETTER;
        boolean landscape = imageWidth > imageHeight;
        double pageW = landscape ? paper.getHeight() : paper.getWidth();
        double pageH = landscape ? paper.getWidth() : paper.getHeight();
        double boxW = Math.max(1, pageW - 2 * margin);
        double boxH = Math.max(1, pageH - 2 * margin);
        double scale = Math.min(1, Math.min(boxW / imageWidth, boxH / imageHeight));
        double w = imageWidth * scale;
        double h = imageHeight * scale;
        return new Placement(new PDRectangle((float) pageW, (float) pageH), (pageW - w) / 2, (pageH - h) / 2, w, h);
    }
}
