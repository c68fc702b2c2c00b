package io.kiln.engine.html;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Refuses images too large to decode (a few kilobytes of PNG can claim gigabytes of pixels), reading
 * only their headers. Anything that is not an image ImageIO knows passes: CSS, fonts, SVG.
 */
record PixelLimit(long maxPixels) {

    /** As the image engine's limit. */
    static final PixelLimit DEFAULT = new PixelLimit(io.kiln.engine.image.ImageConverter.DEFAULT_MAX_PIXELS);

    boolean allows(byte[] content) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return true;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return (long) reader.getWidth(0) * reader.getHeight(0) <= maxPixels;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable header: the renderer will fail to draw it, which is harmless
            return true;
        }
    }
}
