package io.kiln.engine.ocr;

import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The pages of a source image, read with ImageIO: whether the file really is the format claimed
 * (tesseract reads a file it does not recognise as a list of image paths, so it must never get one),
 * how many pages it has (only a TIFF has several), and a page decoded afresh for when tesseract
 * cannot read the original (a CMYK JPEG, for one).
 *
 * @param count the number of pages
 * @param numbered whether tesseract must be told which page to read (a TIFF)
 */
record ImageFrames(int count, boolean numbered) {

    static ImageFrames of(Path file, String format) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = readerFor(in, format).orElseThrow(() -> unreadable(format, null));
            try {
                reader.setInput(in);
                boolean tiff = format.equals("tiff");
                int count = tiff ? reader.getNumImages(true) : 1;
                if (count < 1) {
                    throw unreadable(format, null);
                }
                return new ImageFrames(count, tiff);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw e instanceof ConversionFailed failed ? failed : unreadable(format, e);
        }
    }

    /** Page {@code index} (0-based) of {@code file} as an RGB PNG at {@code target}. */
    static void decode(Path file, String format, int index, Path target) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = readerFor(in, format).orElseThrow(() -> unreadable(format, null));
            try {
                reader.setInput(in);
                BufferedImage image = reader.read(index);
                BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
                Graphics2D g = rgb.createGraphics();
                try {
                    g.setColor(java.awt.Color.WHITE); // transparent areas read as paper, not black
                    g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
                    g.drawImage(image, 0, 0, null);
                } finally {
                    g.dispose();
                }
                ImageIO.write(rgb, "png", target.toFile());
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw e instanceof ConversionFailed failed ? failed : unreadable(format, e);
        }
    }

    /** A reader that recognises the content (not the name) as {@code format}. */
    private static Optional<ImageReader> readerFor(ImageInputStream in, String format) {
        if (in == null) {
            return Optional.empty();
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            String[] suffixes = reader.getOriginatingProvider().getFileSuffixes();
            if (suffixes != null && Arrays.stream(suffixes).anyMatch(format::equalsIgnoreCase)) {
                return Optional.of(reader);
            }
            reader.dispose();
        }
        return Optional.empty();
    }

    private static ConversionFailed unreadable(String format, Throwable cause) {
        return new ConversionFailed(ErrorCode.CORRUPT_DOCUMENT,
                "The image is damaged or is not a " + format + " file, and could not be read.", cause);
    }
}
