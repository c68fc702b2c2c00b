package io.kiln.testing;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Image-heavy PDFs made from the corpus's own photographs and scans, as a phone's "save as PDF" or
 * a scanner's software makes them: each picture deflated as a PNG's pixels are, or a JPEG at
 * quality 0.9 as cameras write, and drawn small, so it sits on the page at several hundred pixels
 * per inch. Every page's pictures are their own objects, marked with the page's number (a scanner
 * never gives two pages the same pixels), so storing identical images once does not flatter a file. The
 * corpus has few PDFs of that kind and its folder is read-only, so tests and {@code bench/} build
 * them from {@code images/} (sources in the corpus's MANIFEST.tsv) rather than keep copies.
 */
public final class ImagePdfs {

    /** The photographs of the album: two JPEGs and a PNG. */
    public static final List<String> PHOTOS = List.of("images/nature1.png", "images/flower2.jpg", "images/baseball.jpg");
    /** A scanned page of text, slightly turned, with an alpha channel as its scanner wrote it. */
    public static final String SCAN = "images/testRotated-plus10.png";

    private ImagePdfs() {
    }

    /**
     * {@code pages} pages, each with every photograph drawn 2 inches wide beside a caption, so the
     * PNG sits at 512 ppi, the JPEGs at 150 and 256.
     */
    public static Path photoAlbum(Path out, int pages) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int n = 1; n <= pages; n++) {
                int number = n;
                List<PDImageXObject> images = PHOTOS.stream().map(p -> image(doc, p, number)).toList();
                PDPage page = new PDPage(PDRectangle.LETTER);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    float y = 700;
                    for (int i = 0; i < images.size(); i++) {
                        PDImageXObject image = images.get(i);
                        float w = 144;
                        float h = w * image.getHeight() / image.getWidth();
                        cs.drawImage(image, 72, y - h, w, h);
                        cs.beginText();
                        cs.setFont(font, 11);
                        cs.newLineAtOffset(240, y - 12);
                        cs.showText("Album page " + n + ", photograph " + (i + 1) + ": " + Path.of(PHOTOS.get(i)).getFileName());
                        cs.endText();
                        y -= h + 36;
                    }
                }
            }
            doc.save(out.toFile());
        }
        return out;
    }

    /** The scan, one per page, drawn 3.3 inches wide (300 ppi), as a desk scanner's PDF of a stack of pages. */
    public static Path scannedPages(Path out, int pages) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            for (int n = 1; n <= pages; n++) {
                PDImageXObject scan = image(doc, SCAN, n);
                PDPage page = new PDPage(PDRectangle.LETTER);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    float w = 72 * 988f / 300;
                    cs.drawImage(scan, 72, 720 - w * scan.getHeight() / scan.getWidth(), w, w * scan.getHeight() / scan.getWidth());
                }
            }
            doc.save(out.toFile());
        }
        return out;
    }

    /** The corpus picture with {@code page} written in its corner, stored as its kind is. */
    private static PDImageXObject image(PDDocument doc, String corpusFile, int page) {
        try {
            BufferedImage source = ImageIO.read(Corpus.file(corpusFile).toFile());
            boolean photo = corpusFile.endsWith(".jpg");
            BufferedImage marked = new BufferedImage(source.getWidth(), source.getHeight(),
                    photo ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = marked.createGraphics();
            try {
                g.drawImage(source, 0, 0, null);
                g.setColor(Color.RED);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, source.getHeight() / 20)));
                g.drawString("p. " + page, 8, source.getHeight() - 8);
            } finally {
                g.dispose();
            }
            return photo ? JPEGFactory.createFromImage(doc, marked, 0.9f) : LosslessFactory.createFromImage(doc, marked);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
