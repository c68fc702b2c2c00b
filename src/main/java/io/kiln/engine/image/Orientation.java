package io.kiln.engine.image;

import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * How stored pixels must be turned to display upright (EXIF orientation, as ImageIO's standard
 * metadata names it): an optional horizontal mirror, then clockwise quarter turns.
 */
enum Orientation {
    NORMAL(false, 0),
    ROTATE_90_CW(false, 1),
    ROTATE_180(false, 2),
    ROTATE_90_CCW(false, 3),
    MIRROR(true, 0),
    MIRROR_ROTATE_90_CW(true, 1),
    MIRROR_ROTATE_180(true, 2),
    MIRROR_ROTATE_90_CCW(true, 3);

    private final boolean mirror;
    private final int quarterTurns;

    Orientation(boolean mirror, int quarterTurns) {
        this.mirror = mirror;
        this.quarterTurns = quarterTurns;
    }

    /**
     * From the {@code javax_imageio_1.0} {@code ImageOrientation} value, which names the
     * counter-clockwise rotation (after a flip) that shows the image upright.
     */
    static Orientation fromStandardName(String name) {
        return switch (name == null ? "" : name) {
            case "Rotate90" -> ROTATE_90_CCW;
            case "Rotate180" -> ROTATE_180;
            case "Rotate270" -> ROTATE_90_CW;
            case "FlipH" -> MIRROR;
            case "FlipV" -> MIRROR_ROTATE_180;
            case "FlipHRotate90" -> MIRROR_ROTATE_90_CCW;
            case "FlipVRotate90" -> MIRROR_ROTATE_90_CW;
            default -> NORMAL;
        };
    }

    /** Whether upright width and height are the stored height and width. */
    boolean swapsAxes() {
        return quarterTurns % 2 == 1;
    }

    /**
     * Maps a stored image of {@code width} x {@code height} (y pointing down) onto the upright one,
     * whose origin is again the top-left corner.
     */
    AffineTransform transform(double width, double height) {
        AffineTransform t = new AffineTransform();
        double w = width;
        double h = height;
        if (mirror) {
            t.preConcatenate(new AffineTransform(-1, 0, 0, 1, w, 0));
        }
        for (int i = 0; i < quarterTurns; i++) {
            t.preConcatenate(new AffineTransform(0, 1, -1, 0, h, 0));
            double swap = w;
            w = h;
            h = swap;
        }
        return t;
    }

    /** The upright copy of {@code image} (the same image when nothing needs turning). */
    BufferedImage apply(BufferedImage image) {
        if (this == NORMAL) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        Raster src = image.getRaster();
        WritableRaster dst = image.getColorModel().createCompatibleWritableRaster(swapsAxes() ? h : w, swapsAxes() ? w : h);
        AffineTransform t = transform(w, h);
        double[] corner = new double[2];
        Object pixel = null;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // map the pixel's centre, then floor to the target pixel
                corner[0] = x + 0.5;
                corner[1] = y + 0.5;
                t.transform(corner, 0, corner, 0, 1);
                pixel = src.getDataElements(x, y, pixel);
                dst.setDataElements((int) Math.floor(corner[0]), (int) Math.floor(corner[1]), pixel);
            }
        }
        return new BufferedImage(image.getColorModel(), dst, image.isAlphaPremultiplied(), null);
    }
}
