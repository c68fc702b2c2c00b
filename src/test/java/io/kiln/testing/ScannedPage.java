package io.kiln.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * A PDF of typed pages with a scanned one among them, as an office's scanner workflow makes it: a
 * real text page of the corpus as it is, and a page of another corpus PDF rendered at 200 dpi and
 * stored only as a picture (no text layer).
 */
public final class ScannedPage {

    /** A typed page (with a text layer): the first of the four-page pdflatex document. */
    public static final String TYPED = "pdf/pdflatex-4-pages.pdf";
    /** The page that is scanned: the title page of the CWEB manual. */
    public static final String SCANNED = "pdf/cweb.pdf";
    /** Words of the scanned page that no typed page has. */
    public static final List<String> SCANNED_WORDS = List.of("structured", "documentation", "knuth", "levy",
            "trademark", "permission");

    private ScannedPage() {
    }

    /** Page 1: {@link #TYPED}'s first page as it is; page 2: {@link #SCANNED}'s first page as an image. */
    public static Path typedThenScanned(Path out) throws IOException {
        try (PDDocument typed = Loader.loadPDF(Corpus.file(TYPED).toFile());
             PDDocument source = Loader.loadPDF(Corpus.file(SCANNED).toFile());
             PDDocument doc = new PDDocument()) {
            doc.importPage(typed.getPage(0));
            BufferedImage picture = new PDFRenderer(source).renderImageWithDPI(0, 200, ImageType.GRAY);
            PDRectangle box = source.getPage(0).getMediaBox();
            PDPage scan = new PDPage(new PDRectangle(box.getWidth(), box.getHeight()));
            doc.addPage(scan);
            try (PDPageContentStream s = new PDPageContentStream(doc, scan)) {
                s.drawImage(LosslessFactory.createFromImage(doc, picture), 0, 0, box.getWidth(), box.getHeight());
            }
            doc.save(out.toFile());
        }
        return out;
    }

    /** The text PDFBox extracts from {@link #TYPED}'s first page, as {@code pdf → txt} writes it. */
    public static String typedText() throws IOException {
        try (PDDocument typed = Loader.loadPDF(Corpus.file(TYPED).toFile())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(1);
            stripper.setEndPage(1);
            return stripper.getText(typed);
        }
    }
}
