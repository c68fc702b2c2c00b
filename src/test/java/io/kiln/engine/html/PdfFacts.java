package io.kiln.engine.html;

import io.kiln.engine.ProducedFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/** What a test wants to know about a printed PDF: page sizes, images, fonts, where text starts, a pixel. */
final class PdfFacts {

    private PdfFacts() {
    }

    static PDRectangle mediaBox(ProducedFile pdf, int page) throws IOException {
        try (PDDocument doc = HtmlTasks.open(pdf)) {
            return doc.getPage(page - 1).getMediaBox();
        }
    }

    static int imageCount(ProducedFile pdf) throws IOException {
        int n = 0;
        try (PDDocument doc = HtmlTasks.open(pdf)) {
            for (PDPage page : doc.getPages()) {
                n += images(page.getResources());
            }
        }
        return n;
    }

    private static int images(PDResources resources) throws IOException {
        int n = 0;
        if (resources == null) {
            return 0;
        }
        for (COSName name : resources.getXObjectNames()) {
            var x = resources.getXObject(name);
            if (x instanceof PDImageXObject) {
                n++;
            } else if (x instanceof org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject form) {
                n += images(form.getResources());
            }
        }
        return n;
    }

    static List<String> fontNames(ProducedFile pdf) throws IOException {
        List<String> names = new ArrayList<>();
        try (PDDocument doc = HtmlTasks.open(pdf)) {
            for (PDPage page : doc.getPages()) {
                for (COSName f : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(f);
                    names.add(font.getName());
                }
            }
        }
        return names;
    }

    /** The smallest x (points from the left edge) of any character on page 1. */
    static float leftmostText(ProducedFile pdf) throws IOException {
        float[] min = {Float.MAX_VALUE};
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) {
                positions.forEach(p -> min[0] = Math.min(min[0], p.getXDirAdj()));
            }
        };
        stripper.setStartPage(1);
        stripper.setEndPage(1);
        try (PDDocument doc = HtmlTasks.open(pdf)) {
            stripper.getText(doc);
        }
        return min[0];
    }

    /** The colour (0xRRGGBB) at a fraction of page 1's width and height. */
    static int colourAt(ProducedFile pdf, double x, double y) throws IOException {
        try (PDDocument doc = HtmlTasks.open(pdf)) {
            BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(0, 18);
            return image.getRGB((int) (image.getWidth() * x), (int) (image.getHeight() * y)) & 0xffffff;
        }
    }
}
