package io.kiln.engine.pdf;

import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;

/**
 * One glyph as drawn: who it is ({@link Key}) and the box it covers on the page (user space). The
 * text finder and the content rewriter both meet every glyph through PDFBox's stream engine, which
 * computes the same text rendering matrix for it, so the key found by one names the glyph in the other.
 */
record PlacedGlyph(Key key, Rectangle2D box) {

    /** The glyph's text rendering matrix and character code: the same glyph, met twice, has the same key. */
    record Key(float a, float b, float c, float d, float e, float f, int code) {
    }

    /** Below the baseline and above it, in ems: the box of a typical Latin line, as fonts rarely say better. */
    private static final double DESCENT = 0.2;
    private static final double ASCENT = 0.8;

    static PlacedGlyph of(Matrix trm, PDFont font, int code, Vector displacement) {
        Key key = new Key(trm.getScaleX(), trm.getShearY(), trm.getShearX(), trm.getScaleY(),
                trm.getTranslateX(), trm.getTranslateY(), code);
        Path2D.Double glyph = new Path2D.Double();
        if (font.isVertical()) {
            // vertical origin at the top centre; the advance runs downwards (a negative y)
            glyph.append(new Rectangle2D.Double(-0.5, Math.min(displacement.getY(), 0), 1,
                    Math.abs(displacement.getY())), false);
        } else {
            double w = displacement.getX();
            glyph.append(new Rectangle2D.Double(Math.min(w, 0), -DESCENT, Math.abs(w), DESCENT + ASCENT), false);
        }
        return new PlacedGlyph(key, glyph.createTransformedShape(trm.createAffineTransform()).getBounds2D());
    }

    double centerX() {
        return box.getCenterX();
    }

    double centerY() {
        return box.getCenterY();
    }
}
