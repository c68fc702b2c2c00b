package io.kiln.engine.pdf;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.color.PDColorSpace;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.graphics.color.PDICCBased;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Makes one image smaller: downsampled to the level's resolution when drawn finer than it needs, and
 * encoded again (JPEG for photographs, Flate for drawings with few colours). The new data replaces the
 * old in the same stream object, so every page that shows the image shows the new one; it is kept
 * only when it is smaller than what was there.
 *
 * <p>Left alone, because recoding them would change how they look or what they mean: one-bit images
 * and masks (scans, stencils; their own codecs are better), JPEG 2000 and JBIG2, indexed and CMYK
 * colour, colour-key masks and unusual decode arrays. Soft masks are images of their own and are
 * handled when drawn with their image.
 */
final class ImageRecompression {

    /** A decoded image past this many pixels is not recoded: memory, not size, is the concern. */
    static final long MAX_PIXELS = 40_000_000L;
    /** A recoding that saves less than this share is not worth a generation of JPEG loss. */
    private static final double WORTHWHILE = 0.9;
    /** Fewer distinct colours than this in a sample, and the image is a drawing: lossless. */
    private static final int DRAWING_COLOURS = 256;

    private final PDDocument doc;
    private final int dpi;
    private final float quality;

    /** Images drawn finer than {@code dpi} are downsampled to it; photographs are stored as JPEG of {@code quality} (0–1). */
    ImageRecompression(PDDocument doc, int dpi, float quality) {
        this.doc = doc;
        this.dpi = dpi;
        this.quality = quality;
    }

    /** Recodes {@code image}, drawn at {@code ppi} at most; whether its stream was replaced. */
    boolean recode(PDImageXObject image, double ppi) throws IOException {
        if (!recodable(image)) {
            return false;
        }
        int subsampling = 1;
        double scale = 1;
        if (ppi > dpi * CompressionLevel.THRESHOLD) {
            scale = dpi / ppi;
            // decoding every 2nd/3rd… pixel first keeps memory down; the rest is scaled smoothly
            subsampling = Math.max(1, (int) Math.floor(1 / scale / 2));
        }
        long decodedPixels = (long) image.getWidth() * image.getHeight() / ((long) subsampling * subsampling);
        if (decodedPixels > MAX_PIXELS) {
            return false;
        }
        boolean alreadyJpeg = COSName.DCT_DECODE.equals(lastFilter(image.getCOSObject()));
        if (scale == 1 && !alreadyJpeg && !isFlate(image.getCOSObject())) {
            return false; // a codec we do not recode into (e.g. LZW, RunLength) with nothing to scale
        }
        BufferedImage decoded = image.getOpaqueImage(null, subsampling);
        if (decoded == null) {
            return false;
        }
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        boolean gray = image.getColorSpace().getNumberOfComponents() == 1;
        BufferedImage resized = resize(decoded, width, height, gray);
        PDImageXObject candidate = isDrawing(resized)
                ? LosslessFactory.createFromImage(doc, resized)
                : JPEGFactory.createFromImage(doc, resized, quality);
        COSStream old = image.getCOSObject();
        long before = old.getLength();
        long after = candidate.getCOSObject().getLength();
        if (after >= before * (scale == 1 ? WORTHWHILE : 1.0)) {
            return false;
        }
        replace(old, candidate.getCOSObject());
        return true;
    }

    /**
     * Whether a soft mask lets every pixel through: scanners and PNG converters write a full alpha
     * channel whether or not anything is transparent. A mask with {@code /Matte} (premultiplied colour) is not judged.
     */
    static boolean isOpaque(PDImageXObject mask) throws IOException {
        if ((long) mask.getWidth() * mask.getHeight() > MAX_PIXELS || mask.getCOSObject().containsKey(COSName.MATTE)) {
            return false;
        }
        Raster raster = mask.getImage().getRaster();
        int[] row = new int[raster.getWidth() * raster.getNumBands()];
        int max = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
        for (int y = 0; y < raster.getHeight(); y++) {
            raster.getPixels(0, y, raster.getWidth(), 1, row);
            for (int v : row) {
                if (v != max) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean recodable(PDImageXObject image) throws IOException {
        COSStream s = image.getCOSObject();
        if (image.isStencil() || image.getBitsPerComponent() != 8 || s.getItem(COSName.MASK) instanceof COSArray
                || s.getItem(COSName.DECODE) != null || s.getItem(COSName.SMASK_IN_DATA) != null) {
            return false;
        }
        COSName filter = lastFilter(s);
        if (COSName.JPX_DECODE.equals(filter) || COSName.JBIG2_DECODE.equals(filter)
                || COSName.CCITTFAX_DECODE.equals(filter)) {
            return false;
        }
        PDColorSpace cs = image.getColorSpace();
        return cs instanceof PDDeviceRGB || cs instanceof PDDeviceGray
                || cs instanceof PDICCBased icc && (icc.getNumberOfComponents() == 1 || icc.getNumberOfComponents() == 3);
    }

    private static COSName lastFilter(COSStream s) {
        COSBase filter = s.getFilters();
        if (filter instanceof COSName name) {
            return name;
        }
        if (filter instanceof COSArray array && array.size() > 0 && array.get(array.size() - 1) instanceof COSName name) {
            return name;
        }
        return null;
    }

    private static boolean isFlate(COSStream s) {
        COSBase filter = s.getFilters();
        return COSName.FLATE_DECODE.equals(filter) || filter instanceof COSArray a && a.size() == 1
                && COSName.FLATE_DECODE.equals(a.get(0));
    }

    /** Halves in steps, then draws to size: smooth at any ratio, unlike one bilinear step at large ones. */
    private static BufferedImage resize(BufferedImage source, int width, int height, boolean gray) {
        int type = gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB;
        BufferedImage current = source;
        do {
            int w = Math.max(width, current.getWidth() / 2);
            int h = Math.max(height, current.getHeight() / 2);
            if (current.getWidth() < width * 2 || current.getHeight() < height * 2) {
                w = width;
                h = height;
            }
            BufferedImage next = new BufferedImage(w, h, type);
            Graphics2D g = next.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(current, 0, 0, w, h, null);
            } finally {
                g.dispose();
            }
            current = next;
        } while (current.getWidth() != width || current.getHeight() != height);
        return current;
    }

    /** Few colours (a chart, a screenshot, a logo) recode losslessly; JPEG would blur their edges. */
    private static boolean isDrawing(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        int stepX = Math.max(1, image.getWidth() / 64);
        int stepY = Math.max(1, image.getHeight() / 64);
        for (int y = 0; y < image.getHeight(); y += stepY) {
            for (int x = 0; x < image.getWidth(); x += stepX) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
                if (colours.size() >= DRAWING_COLOURS) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The candidate's data and image entries into the old stream, which every page refers to. */
    private static void replace(COSStream old, COSStream candidate) throws IOException {
        try (InputStream in = candidate.createRawInputStream(); OutputStream out = old.createRawOutputStream()) {
            in.transferTo(out);
        }
        for (COSName key : List.of(COSName.FILTER, COSName.DECODE_PARMS, COSName.WIDTH, COSName.HEIGHT,
                COSName.BITS_PER_COMPONENT, COSName.COLORSPACE, COSName.DECODE)) {
            COSBase value = candidate.getItem(key);
            if (value == null) {
                old.removeItem(key);
            } else {
                old.setItem(key, value);
            }
        }
    }
}
