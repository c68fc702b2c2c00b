package io.kiln.engine.html;

import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.util.Matrix;

/**
 * The {@code scale} option for a renderer without a zoom: the page was laid out on paper {@code 1/scale}
 * times the size, and each printed page is shrunk (or grown) onto the real paper, links included.
 */
final class PageScaling {

    private PageScaling() {
    }

    static void apply(PDDocument doc, double scale, float paperWidth, float paperHeight) throws IOException {
        float s = (float) scale;
        for (PDPage page : doc.getPages()) {
            try (PDPageContentStream before = new PDPageContentStream(doc, page, AppendMode.PREPEND, false)) {
                before.saveGraphicsState();
                before.transform(Matrix.getScaleInstance(s, s));
            }
            try (PDPageContentStream after = new PDPageContentStream(doc, page, AppendMode.APPEND, false)) {
                after.restoreGraphicsState();
            }
            PDRectangle paper = new PDRectangle(paperWidth, paperHeight);
            page.setMediaBox(paper);
            page.setCropBox(paper);
            for (PDAnnotation a : page.getAnnotations()) {
                PDRectangle r = a.getRectangle();
                if (r != null) {
                    a.setRectangle(new PDRectangle(r.getLowerLeftX() * s, r.getLowerLeftY() * s, r.getWidth() * s,
                            r.getHeight() * s));
                }
            }
        }
    }
}
