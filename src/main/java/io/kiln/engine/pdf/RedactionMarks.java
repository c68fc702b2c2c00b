package io.kiln.engine.pdf;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;

/**
 * Redaction marks: {@code /Redact} annotations (ISO 32000 12.5.6.23), which Acrobat's "mark for
 * redaction" and pdfRest's preview leave for a person to check before anything is removed. PDFBox
 * has no class for them, so they are read and written as dictionaries. A mark's box is its
 * {@code QuadPoints} (each quadrilateral's bounds) or else its {@code Rect}.
 */
final class RedactionMarks {

    private static final COSName REDACT = COSName.getPDFName("Redact");
    private static final float[] OUTLINE = {0.85f, 0.1f, 0.1f};

    private RedactionMarks() {
    }

    static boolean any(PDDocument doc) throws IOException {
        return !pages(doc).isEmpty();
    }

    /** The 1-based pages that carry marks. */
    static Set<Integer> pages(PDDocument doc) throws IOException {
        Set<Integer> pages = new TreeSet<>();
        int n = 1;
        for (PDPage page : doc.getPages()) {
            for (PDAnnotation a : page.getAnnotations()) {
                if (isMark(a)) {
                    pages.add(n);
                    break;
                }
            }
            n++;
        }
        return pages;
    }

    /** The page's marks' boxes, in user space; the marks are taken off the page. */
    static List<Rectangle2D> take(PDPage page) throws IOException {
        List<Rectangle2D> boxes = new ArrayList<>();
        List<PDAnnotation> kept = new ArrayList<>();
        for (PDAnnotation a : page.getAnnotations()) {
            if (!isMark(a)) {
                kept.add(a);
                continue;
            }
            COSArray quads = a.getCOSObject().getCOSArray(COSName.QUADPOINTS);
            if (quads != null && quads.size() >= 8) {
                float[] q = quads.toFloatArray();
                for (int i = 0; i + 7 < q.length; i += 8) {
                    double minX = Math.min(Math.min(q[i], q[i + 2]), Math.min(q[i + 4], q[i + 6]));
                    double maxX = Math.max(Math.max(q[i], q[i + 2]), Math.max(q[i + 4], q[i + 6]));
                    double minY = Math.min(Math.min(q[i + 1], q[i + 3]), Math.min(q[i + 5], q[i + 7]));
                    double maxY = Math.max(Math.max(q[i + 1], q[i + 3]), Math.max(q[i + 5], q[i + 7]));
                    boxes.add(new Rectangle2D.Double(minX, minY, maxX - minX, maxY - minY));
                }
            } else if (a.getRectangle() != null) {
                PDRectangle r = a.getRectangle();
                boxes.add(new Rectangle2D.Double(r.getLowerLeftX(), r.getLowerLeftY(), r.getWidth(), r.getHeight()));
            }
        }
        page.setAnnotations(kept);
        return boxes;
    }

    /** One mark per box, outlined in red so a reviewer sees it; {@code fill} is the colour applying it paints. */
    static void add(PDDocument doc, PDPage page, List<Rectangle2D> boxes, Color fill) throws IOException {
        List<PDAnnotation> annotations = new ArrayList<>(page.getAnnotations());
        for (Rectangle2D box : boxes) {
            COSDictionary d = new COSDictionary();
            d.setItem(COSName.TYPE, COSName.ANNOT);
            d.setItem(COSName.SUBTYPE, REDACT);
            PDRectangle rect = new PDRectangle((float) box.getX(), (float) box.getY(), (float) box.getWidth(),
                    (float) box.getHeight());
            d.setItem(COSName.RECT, rect.getCOSArray());
            COSArray quads = new COSArray();
            for (double v : new double[] {box.getMinX(), box.getMaxY(), box.getMaxX(), box.getMaxY(),
                    box.getMinX(), box.getMinY(), box.getMaxX(), box.getMinY()}) {
                quads.add(new COSFloat((float) v));
            }
            d.setItem(COSName.QUADPOINTS, quads);
            d.setItem(COSName.C, colour(OUTLINE));
            d.setItem(COSName.IC, colour(fill.getRGBColorComponents(null)));
            PDAnnotation mark = PDAnnotation.createAnnotation(d);
            mark.setPrinted(true);
            mark.setAppearance(outline(doc, rect));
            annotations.add(mark);
        }
        page.setAnnotations(annotations);
    }

    private static boolean isMark(PDAnnotation a) {
        return REDACT.getName().equals(a.getSubtype());
    }

    private static COSArray colour(float[] rgb) {
        COSArray a = new COSArray();
        for (float c : rgb) {
            a.add(new COSFloat(c));
        }
        return a;
    }

    /** The mark's look before it is applied: a red frame, leaving what it covers readable. */
    private static PDAppearanceDictionary outline(PDDocument doc, PDRectangle rect) throws IOException {
        PDAppearanceStream look = new PDAppearanceStream(doc);
        look.setBBox(new PDRectangle(0, 0, rect.getWidth(), rect.getHeight()));
        look.setMatrix(new java.awt.geom.AffineTransform(1, 0, 0, 1, rect.getLowerLeftX(), rect.getLowerLeftY()));
        try (PDPageContentStream cs = new PDPageContentStream(doc, look)) {
            cs.setStrokingColor(OUTLINE[0], OUTLINE[1], OUTLINE[2]);
            cs.setLineWidth(1);
            cs.addRect(0.5f, 0.5f, Math.max(0, rect.getWidth() - 1), Math.max(0, rect.getHeight() - 1));
            cs.stroke();
        }
        PDAppearanceDictionary appearance = new PDAppearanceDictionary();
        appearance.setNormalAppearance(look);
        return appearance;
    }
}
