package io.kiln.engine.pdf;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;

/**
 * Takes off a redacted page the annotations that could still show or hold what was removed: those
 * lying over a box, and those whose text (a comment's contents) a pattern matches. A form field's
 * widget taken off loses its value and look too, so the field keeps nothing of it.
 */
final class AnnotationRemoval {

    private AnnotationRemoval() {
    }

    static void apply(PDPage page, PageRedactions plan, TextMatches finder) throws IOException {
        List<PDAnnotation> kept = new ArrayList<>();
        boolean removed = false;
        for (PDAnnotation a : page.getAnnotations()) {
            if (covered(a, plan) || named(a, finder)) {
                removed = true;
                if (a instanceof PDAnnotationWidget) {
                    a.getCOSObject().removeItem(COSName.V);
                    a.getCOSObject().removeItem(COSName.AP);
                }
            } else {
                kept.add(a);
            }
        }
        if (removed) {
            page.setAnnotations(kept);
        }
    }

    private static boolean covered(PDAnnotation a, PageRedactions plan) {
        PDRectangle r = a.getRectangle();
        if (r == null) {
            return false;
        }
        Rectangle2D rect = new Rectangle2D.Double(r.getLowerLeftX(), r.getLowerLeftY(), r.getWidth(), r.getHeight());
        return plan.boxes().stream().anyMatch(rect::intersects);
    }

    private static boolean named(PDAnnotation a, TextMatches finder) {
        return finder != null && a.getContents() != null && finder.matchesAny(a.getContents());
    }
}
