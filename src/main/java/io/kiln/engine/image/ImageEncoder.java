package io.kiln.engine.image;

import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes one upright image as png, jpg, gif, bmp or tiff. Formats without alpha (jpg, bmp, and gif
 * unless the source is already indexed) get the image flattened onto white; jpg takes a quality; tiff is LZW-compressed.
 */
final class ImageEncoder {

    static final int DEFAULT_JPEG_QUALITY = 90;
    private static final Map<String, String> IMAGEIO_NAMES =
            Map.of("png", "png", "jpg", "jpeg", "gif", "gif", "bmp", "bmp", "tiff", "tiff");

    private ImageEncoder() {
    }

    static void write(BufferedImage image, String format, int jpegQuality, Path out) {
        BufferedImage pixels = switch (format) {
            case "gif" -> image.getColorModel() instanceof IndexColorModel ? image : PixelConversion.opaqueOnWhite(image);
            case "jpg", "bmp" -> PixelConversion.opaqueOnWhite(image);
            default -> PixelConversion.eightBitSrgb(image);
        };
        ImageWriter writer = writerFor(format, pixels);
        try (ImageOutputStream stream = new FileImageOutputStream(out.toFile())) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(pixels, null, null), param(writer, format, jpegQuality));
        } catch (IOException | RuntimeException e) {
            throw new ConversionFailed(ErrorCode.ENGINE_FAILED, "the " + format + " file could not be written", e);
        } finally {
            writer.dispose();
        }
    }

    private static ImageWriter writerFor(String format, BufferedImage pixels) {
        ImageTypeSpecifier type = ImageTypeSpecifier.createFromRenderedImage(pixels);
        Iterator<ImageWriter> writers = ImageIO.getImageWriters(type, IMAGEIO_NAMES.get(format));
        if (writers.hasNext()) {
            return writers.next();
        }
        throw new ConversionFailed(ErrorCode.ENGINE_FAILED, "no " + format + " writer accepts this image");
    }

    private static ImageWriteParam param(ImageWriter writer, String format, int jpegQuality) {
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (!param.canWriteCompressed()) {
            return param;
        }
        if (format.equals("jpg")) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(jpegQuality / 100f);
        } else if (format.equals("tiff")) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            String[] types = param.getCompressionTypes();
            if (types != null && Arrays.asList(types).contains("LZW")) {
                param.setCompressionType("LZW");
            } else {
                param.setCompressionMode(ImageWriteParam.MODE_DEFAULT);
            }
        }
        return param;
    }
}
