package io.kiln.engine.pdf;

import io.kiln.engine.ConversionTask;
import io.kiln.error.ConversionFailed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.multipdf.LayerUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.util.Matrix;

/**
 * What an image mark draws: a picture ({@link MarkImage}) or the first page of a PDF, kept as
 * vector content (pdfRest's {@code watermark_file} is a PDF). Either is embedded once and drawn
 * centred on the origin at any size; {@link #aspect()} is its height over its width.
 */
sealed interface MarkPicture extends AutoCloseable {

    double aspect();

    /** Draws it {@code w × h} points, centred on the current origin. */
    void draw(PDPageContentStream cs, double w, double h) throws IOException;

    @Override
    default void close() throws IOException {
    }

    static MarkPicture load(PDDocument doc, Path file, String name, ConversionTask task)
            throws IOException, InterruptedException {
        return isPdf(file) ? PdfPage.load(doc, file, name, task) : new Image(MarkImage.load(doc, file, name));
    }

    private static boolean isPdf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(1024), StandardCharsets.ISO_8859_1).contains("%PDF-");
        }
    }

    record Image(PDImageXObject image) implements MarkPicture {
        @Override
        public double aspect() {
            return (double) image.getHeight() / image.getWidth();
        }

        @Override
        public void draw(PDPageContentStream cs, double w, double h) throws IOException {
            cs.drawImage(image, (float) (-w / 2), (float) (-h / 2), (float) w, (float) h);
        }
    }

    /** A PDF's first page as a form; its document stays open until the marked one is saved. */
    record PdfPage(PDFormXObject form, PDDocument source) implements MarkPicture {

        static PdfPage load(PDDocument doc, Path file, String name, ConversionTask task) throws IOException, InterruptedException {
            PDDocument source;
            try {
                source = PdfLoader.open(file, task);
            } catch (ConversionFailed e) {
                throw new ConversionFailed(e.code(), "image: " + name + ": " + e.getMessage());
            }
            if (source.getNumberOfPages() == 0) {
                source.close();
                throw TextMark.invalid("image: " + name + " has no pages");
            }
            return new PdfPage(new LayerUtility(doc).importPageAsForm(source, 0), source);
        }

        @Override
        public double aspect() {
            PDRectangle box = form.getBBox();
            return box.getHeight() / box.getWidth();
        }

        @Override
        public void draw(PDPageContentStream cs, double w, double h) throws IOException {
            PDRectangle box = form.getBBox();
            double sx = w / box.getWidth();
            double sy = h / box.getHeight();
            cs.saveGraphicsState();
            cs.transform(new Matrix((float) sx, 0, 0, (float) sy, (float) (-w / 2 - box.getLowerLeftX() * sx),
                    (float) (-h / 2 - box.getLowerLeftY() * sy)));
            cs.drawForm(form);
            cs.restoreGraphicsState();
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }
}
