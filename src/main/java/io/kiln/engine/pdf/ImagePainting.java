package io.kiln.engine.pdf;

import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.util.Matrix;

/**
 * Paints the part of an image that lies under redaction boxes in the image's own pixels, so what was
 * there cannot be recovered by taking the image out of the file. The image is decoded, painted and
 * encoded again (JPEG stays JPEG, anything else becomes lossless); the caller draws the new one instead.
 */
final class ImagePainting {

    /** Pixels decoded for one image: 50 million is an A2 sheet at 300 dpi, and some 200 MB of memory. */
    static final long MAX_PIXELS = 50_000_000L;
    private static final float JPEG_QUALITY = 0.92f;

    private ImagePainting() {
    }

    /** The image drawn with {@code ctm}, with what lies under {@code boxes} (user space) painted {@code color}. */
    static PDImageXObject paint(PDDocument doc, PDImageXObject image, Matrix ctm, List<Rectangle2D> boxes, Color color)
            throws IOException {
        if ((long) image.getWidth() * image.getHeight() > MAX_PIXELS) {
            throw new ConversionFailed(ErrorCode.DOCUMENT_TOO_LARGE, "An image under a redaction is larger than "
                    + MAX_PIXELS / 1_000_000 + " million pixels; it cannot be painted.");
        }
        BufferedImage source = image.getImage();
        int w = source.getWidth();
        int h = source.getHeight();
        boolean alpha = source.getColorModel().hasAlpha();
        BufferedImage painted = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = painted.createGraphics();
        try {
            g.drawImage(source, 0, 0, null);
            g.setColor(color);
            g.setStroke(new BasicStroke(1f)); // the outline too: a pixel the box only partly covers is painted
            AffineTransform toPixels = toPixels(ctm, w, h);
            for (Rectangle2D box : boxes) {
                Shape inImage = toPixels.createTransformedShape(box);
                g.fill(inImage);
                g.draw(inImage);
            }
        } finally {
            g.dispose();
        }
        boolean jpeg = COSName.DCT_DECODE.equals(image.getCOSObject().getItem(COSName.FILTER)) && !alpha;
        return jpeg ? JPEGFactory.createFromImage(doc, painted, JPEG_QUALITY) : LosslessFactory.createFromImage(doc, painted);
    }

    /** User space → image pixels: the CTM maps the unit square onto the image, whose first row is its top. */
    private static AffineTransform toPixels(Matrix ctm, int w, int h) {
        AffineTransform t = new AffineTransform(w, 0, 0, -h, 0, h);
        try {
            t.concatenate(ctm.createAffineTransform().createInverse());
        } catch (NoninvertibleTransformException e) {
            throw new IllegalStateException("a flat image cannot lie under a box", e); // callers skip flat images
        }
        return t;
    }
}
