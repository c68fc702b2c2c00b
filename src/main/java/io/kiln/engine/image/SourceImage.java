package io.kiln.engine.image;

import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;

/**
 * One input image opened for reading: its format (by content), its frames, each frame's header and
 * pixels. Every failure to read becomes {@code corrupt_document}; frames larger than the pixel limit
 * are refused before decoding.
 */
final class SourceImage implements AutoCloseable {

    private static final Set<String> READABLE = Set.of("png", "jpeg", "gif", "bmp", "tiff", "webp");
    private static final String STANDARD_METADATA = "javax_imageio_1.0";
    private static final double MIN_DPI = 10;
    private static final double MAX_DPI = 10_000;

    private final ImageInputStream stream;
    private final ImageReader reader;
    private final String format;
    private final long maxPixels;

    private SourceImage(ImageInputStream stream, ImageReader reader, String format, long maxPixels) {
        this.stream = stream;
        this.reader = reader;
        this.format = format;
        this.maxPixels = maxPixels;
    }

    static SourceImage open(Path file, long maxPixels) {
        ImageInputStream stream = null;
        try {
            if (Files.size(file) == 0) {
                throw corrupt("the image file is empty");
            }
            stream = ImageIO.createImageInputStream(file.toFile());
            for (Iterator<ImageReader> it = ImageIO.getImageReaders(stream); it.hasNext(); ) {
                ImageReader reader = it.next();
                String format = reader.getOriginatingProvider().getFormatNames()[0].toLowerCase(Locale.ROOT);
                if (READABLE.contains(format)) {
                    reader.setInput(stream, false, false);
                    return new SourceImage(stream, reader, format, maxPixels);
                }
                reader.dispose();
            }
            throw corrupt("the file is not a png, jpg, gif, bmp, tiff or webp image Kiln can read");
        } catch (IOException | RuntimeException e) {
            closeQuietly(stream);
            throw e instanceof ConversionFailed cf ? cf : corrupt("the image cannot be read", e);
        }
    }

    /** ImageIO's format name: png, jpeg, gif, bmp, tiff or webp. */
    String format() {
        return format;
    }

    /** Frames that are pages: every page of a TIFF; the first frame of anything else (GIF animation). */
    int pageCount() {
        if (!format.equals("tiff")) {
            return 1;
        }
        try {
            int n = reader.getNumImages(true);
            if (n < 1) {
                throw corrupt("the TIFF file holds no image");
            }
            return n;
        } catch (IOException | RuntimeException e) {
            throw e instanceof ConversionFailed cf ? cf : corrupt("the TIFF file is damaged or truncated", e);
        }
    }

    /** The header of frame {@code index}, checked against the pixel limit. */
    FrameInfo describe(int index) {
        try {
            int width = reader.getWidth(index);
            int height = reader.getHeight(index);
            if (width < 1 || height < 1) {
                throw corrupt("the image has no pixels");
            }
            long pixels = (long) width * height;
            if (pixels > maxPixels) {
                // a well-formed image, only too big to decode here: not corrupt
                throw new ConversionFailed(ErrorCode.DOCUMENT_TOO_LARGE, String.format(Locale.ROOT,
                        "image is too large (%.1f megapixels; the limit is %.1f)", pixels / 1e6, maxPixels / 1e6));
            }
            Node dimension = standardNode(index, "Dimension");
            Node chroma = standardNode(index, "Chroma");
            return new FrameInfo(width, height, dpi(dimension, "HorizontalPixelSize"), dpi(dimension, "VerticalPixelSize"),
                    Orientation.fromStandardName(value(dimension, "ImageOrientation")), isPlainJpeg(chroma));
        } catch (IOException | RuntimeException e) {
            throw e instanceof ConversionFailed cf ? cf : corrupt("the image is damaged or truncated", e);
        }
    }

    /** The stored (not yet turned upright) pixels of frame {@code index}; call {@link #describe} first. */
    BufferedImage decode(int index) {
        try {
            return reader.read(index);
        } catch (IOException | RuntimeException e) {
            throw corrupt("the image is damaged or truncated", e);
        }
    }

    private boolean isPlainJpeg(Node chroma) {
        String space = value(chroma, "ColorSpaceType");
        String channels = value(chroma, "NumChannels");
        return format.equals("jpeg") && space != null && Set.of("YCbCr", "GRAY", "RGB").contains(space)
                && ("1".equals(channels) || "3".equals(channels));
    }

    private Node standardNode(int index, String name) {
        try {
            IIOMetadata metadata = reader.getImageMetadata(index);
            if (metadata == null || !metadata.isStandardMetadataFormatSupported()) {
                return null;
            }
            for (Node n = metadata.getAsTree(STANDARD_METADATA).getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeName().equals(name)) {
                    return n;
                }
            }
        } catch (IOException | RuntimeException e) {
            // metadata is a nicety; pixels decide whether the image is readable
        }
        return null;
    }

    private static String value(Node parent, String child) {
        for (Node n = parent == null ? null : parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals(child) && n.getAttributes() != null) {
                Node v = n.getAttributes().getNamedItem("value");
                return v == null ? null : v.getNodeValue();
            }
        }
        return null;
    }

    /** Resolution from a pixel size in millimetres, or 72 when absent or implausible. */
    private static double dpi(Node dimension, String pixelSize) {
        try {
            String mm = value(dimension, pixelSize);
            double dpi = mm == null ? 0 : 25.4 / Double.parseDouble(mm.trim());
            return dpi >= MIN_DPI && dpi <= MAX_DPI ? dpi : 72;
        } catch (NumberFormatException e) {
            return 72;
        }
    }

    static ConversionFailed corrupt(String sentence) {
        return new ConversionFailed(ErrorCode.CORRUPT_DOCUMENT, sentence);
    }

    private static ConversionFailed corrupt(String sentence, Throwable cause) {
        return new ConversionFailed(ErrorCode.CORRUPT_DOCUMENT, sentence, cause);
    }

    private static void closeQuietly(ImageInputStream stream) {
        try {
            if (stream != null) {
                stream.close();
            }
        } catch (IOException ignored) {
            // nothing more to release
        }
    }

    @Override
    public void close() {
        reader.dispose();
        closeQuietly(stream);
    }
}
