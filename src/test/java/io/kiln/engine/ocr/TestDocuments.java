package io.kiln.engine.ocr;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.util.Matrix;

/** Builds the documents the tests read: known paragraphs as vector text, and as scans of it. */
final class TestDocuments {

    static final float FONT_SIZE = 12;
    private static final float MARGIN = 72;
    private static final float LEADING = 16;
    static final int SCAN_DPI = 300;

    private TestDocuments() {
    }

    /** One US-letter page per paragraph, in Helvetica 12 pt. */
    static Path vectorPdf(Path file, List<String> paragraphs) throws IOException {
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        try (PDDocument doc = new PDDocument()) {
            for (String paragraph : paragraphs) {
                PDPage page = new PDPage(PDRectangle.LETTER);
                doc.addPage(page);
                try (PDPageContentStream out = new PDPageContentStream(doc, page)) {
                    out.beginText();
                    out.setFont(font, FONT_SIZE);
                    out.setLeading(LEADING);
                    out.newLineAtOffset(MARGIN, PDRectangle.LETTER.getHeight() - MARGIN);
                    for (String line : wrap(paragraph, font, PDRectangle.LETTER.getWidth() - 2 * MARGIN)) {
                        out.showText(line);
                        out.newLine();
                    }
                    out.endText();
                }
            }
            doc.save(file.toFile());
        }
        return file;
    }

    /** The pages of {@code vector} rendered at {@value #SCAN_DPI} dpi, each page only an image: no text to find. */
    static Path scannedPdf(Path vector, Path file) throws IOException {
        try (PDDocument source = Loader.loadPDF(vector.toFile()); PDDocument scan = new PDDocument()) {
            PDFRenderer renderer = new PDFRenderer(source);
            for (int i = 0; i < source.getNumberOfPages(); i++) {
                PDRectangle size = source.getPage(i).getMediaBox();
                PDPage page = new PDPage(new PDRectangle(size.getWidth(), size.getHeight()));
                scan.addPage(page);
                PDImageXObject image = LosslessFactory.createFromImage(scan,
                        renderer.renderImageWithDPI(i, SCAN_DPI, ImageType.GRAY));
                try (PDPageContentStream out = new PDPageContentStream(scan, page)) {
                    out.drawImage(image, 0, 0, size.getWidth(), size.getHeight());
                }
            }
            scan.save(file.toFile());
        }
        return file;
    }

    /**
     * The first page of {@code vector} as a scan on a landscape page turned by {@code /Rotate 90} and
     * cropped off-centre, so that it is shown upright at its original size: what a scanner that fed
     * the sheet sideways produces.
     */
    static Path turnedScanPdf(Path vector, Path file) throws IOException {
        try (PDDocument source = Loader.loadPDF(vector.toFile()); PDDocument scan = new PDDocument()) {
            PDRectangle shown = source.getPage(0).getMediaBox();
            PDRectangle crop = new PDRectangle(20, 30, shown.getHeight(), shown.getWidth());
            PDPage page = new PDPage(new PDRectangle(0, 0, crop.getUpperRightX() + 25, crop.getUpperRightY() + 15));
            page.setCropBox(crop);
            page.setRotation(90);
            scan.addPage(page);
            BufferedImage pixels = new PDFRenderer(source).renderImageWithDPI(0, SCAN_DPI, ImageType.GRAY);
            PDImageXObject image = LosslessFactory.createFromImage(scan, pixels);
            try (PDPageContentStream out = new PDPageContentStream(scan, page)) {
                // shown 90° clockwise: the image's left edge runs along the crop box's bottom
                out.transform(new Matrix(0, 1, -1, 0, crop.getUpperRightX(), crop.getLowerLeftY()));
                out.drawImage(image, 0, 0, shown.getWidth(), shown.getHeight());
            }
            scan.save(file.toFile());
        }
        return file;
    }

    /** Each page of {@code pdf} rendered in grey. */
    static List<BufferedImage> pageImages(Path pdf, int dpi) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDFRenderer renderer = new PDFRenderer(doc);
            List<BufferedImage> pages = new ArrayList<>();
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                pages.add(renderer.renderImageWithDPI(i, dpi, ImageType.GRAY));
            }
            return pages;
        }
    }

    /** The mean difference of two grey images of one size, 0 (same) to 255. */
    static double meanDifference(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return 255;
        }
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                sum += Math.abs(a.getRaster().getSample(x, y, 0) - b.getRaster().getSample(x, y, 0));
            }
        }
        return (double) sum / ((long) a.getWidth() * a.getHeight());
    }

    static Path image(BufferedImage pixels, String format, Path file) throws IOException {
        if (!ImageIO.write(pixels, format, file.toFile())) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
        return file;
    }

    /** A multi-page TIFF, one page per image. */
    static Path tiff(List<BufferedImage> pages, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (BufferedImage page : pages) {
                writer.writeToSequence(new IIOImage(page, null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return file;
    }

    private static List<String> wrap(String text, PDType1Font font, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (font.getStringWidth(candidate) / 1000 * FONT_SIZE > width && !line.isEmpty()) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        lines.add(line.toString());
        return lines;
    }
}
