package io.kiln.engine.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.util.Arrays;

/**
 * Brings decoded pixels into forms every writer and PDFBox accept: 8-bit sRGB or grey, with alpha
 * kept, or flattened onto white for formats without transparency. Handles 16-bit, CMYK/ICC and
 * premultiplied sources by redrawing them.
 */
final class PixelConversion {

    private PixelConversion() {
    }

    /** {@code image} itself when already 8-bit sRGB/grey/indexed and not premultiplied, else an sRGB copy. */
    static BufferedImage eightBitSrgb(BufferedImage image) {
        if (isEightBitStandard(image)) {
            return image;
        }
        boolean alpha = image.getColorModel().hasAlpha();
        return redraw(image, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB, null);
    }

    /** An opaque copy drawn onto white (grey images stay grey), or {@code image} if already opaque and standard. */
    static BufferedImage opaqueOnWhite(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY
                || !cm.hasAlpha() && isEightBitStandard(image) && !(cm instanceof IndexColorModel)) {
            return image;
        }
        return redraw(image, BufferedImage.TYPE_INT_RGB, Color.WHITE);
    }

    private static boolean isEightBitStandard(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        ColorSpace cs = cm.getColorSpace();
        boolean standardSpace = cm instanceof IndexColorModel || cs.isCS_sRGB()
                || cs == ColorSpace.getInstance(ColorSpace.CS_GRAY);
        boolean eightBit = Arrays.stream(cm.getComponentSize()).allMatch(bits -> bits <= 8);
        return standardSpace && eightBit && !cm.isAlphaPremultiplied();
    }

    private static BufferedImage redraw(BufferedImage image, int type, Color background) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D g = out.createGraphics();
        try {
            if (background != null) {
                g.setColor(background);
                g.fillRect(0, 0, image.getWidth(), image.getHeight());
            }
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
