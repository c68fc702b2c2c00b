package io.kiln.engine.pdf;

import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The picture of an image watermark or stamp: a PNG or JPEG whose size is read from its header
 * before any pixel is decoded, so a small file claiming a huge picture is refused cheaply. It is
 * decoded once in full to prove it whole; a JPEG is then embedded as it is, a PNG losslessly (its
 * transparency kept as a soft mask).
 */
final class MarkImage {

    /** The most pixels a mark's image may have: 16 million (4000 × 4000), about 64 MB decoded. */
    static final long MAX_PIXELS = 16_000_000;
    private static final Set<String> FORMATS = Set.of("png", "jpeg");

    private MarkImage() {
    }

    static PDImageXObject load(PDDocument doc, Path file, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String format;
        BufferedImage decoded;
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
            var readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw notAnImage(name);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!FORMATS.contains(format)) {
                    throw notAnImage(name);
                }
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new ConversionFailed(ErrorCode.DOCUMENT_TOO_LARGE, "image: " + name + " is "
                            + reader.getWidth(0) + " × " + reader.getHeight(0) + " pixels; a mark's image may have at most "
                            + MAX_PIXELS + " pixels");
                }
                decoded = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (ConversionFailed e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ConversionFailed(ErrorCode.CORRUPT_DOCUMENT, "image: " + name + " cannot be read as an image ("
                    + e.getMessage() + ")");
        }
        return format.equals("jpeg") ? JPEGFactory.createFromByteArray(doc, bytes)
                : LosslessFactory.createFromImage(doc, decoded);
    }

    private static ConversionFailed notAnImage(String name) {
        return new ConversionFailed(ErrorCode.INVALID_OPTION, "image: " + name + " is not a PNG or JPEG image, nor a PDF");
    }
}
