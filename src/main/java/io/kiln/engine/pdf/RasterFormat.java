package io.kiln.engine.pdf;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;

/** The image formats pages are rendered to, and how each is written. */
enum RasterFormat {
    PNG("png", "png"),
    JPG("jpg", "jpeg"),
    TIFF("tiff", "tiff");

    /** Sharp enough for text; the writer's default (0.75) smears small glyphs. */
    private static final float JPEG_QUALITY = 0.9f;

    final String ext;
    private final String imageIoName;

    RasterFormat(String ext, String imageIoName) {
        this.ext = ext;
        this.imageIoName = imageIoName;
    }

    void write(BufferedImage image, Path file) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(imageIoName);
        if (!writers.hasNext()) {
            throw new IllegalStateException("no ImageIO writer for " + imageIoName);
        }
        ImageWriter writer = writers.next();
        Files.deleteIfExists(file); // a random-access stream would not truncate an older file
        try (ImageOutputStream out = new FileImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param(writer));
        } finally {
            writer.dispose();
        }
    }

    private ImageWriteParam param(ImageWriter writer) {
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (this == JPG) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
        } else if (this == TIFF && param.canWriteCompressed()
                && Arrays.asList(param.getCompressionTypes()).contains("LZW")) {
            // uncompressed tiff of a rendered page is tens of megabytes; LZW is lossless and widely read
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("LZW");
        }
        return param;
    }
}
