package io.kiln.engine.pdf;

import java.awt.geom.Rectangle2D;
import java.util.OptionalInt;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.util.Matrix;

/**
 * A rectangle to black out, as the client gives it: in points, measured from the top left of the
 * page as a reader sees it (crop box, after {@code /Rotate}), on one page or, with no page, on every
 * page the {@code pages} option chooses.
 */
record RedactionArea(OptionalInt page, double x, double y, double width, double height) {

    /** The area in the page's own (user space) coordinates, where content is drawn. */
    Rectangle2D onPage(PDPage pdfPage) {
        DisplaySpace space = DisplaySpace.of(pdfPage);
        double bottom = space.height() - y - height; // the client measures down from the top
        Matrix toUser = space.toUser();
        Rectangle2D.Double shown = new Rectangle2D.Double(x, bottom, width, height);
        return toUser.createAffineTransform().createTransformedShape(shown).getBounds2D();
    }
}
