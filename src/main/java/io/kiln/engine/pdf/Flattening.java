package io.kiln.engine.pdf;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.ProducedFile;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationPopup;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.util.Matrix;

/**
 * {@code pdf → flatten}: form fields ({@code forms}, default true) and annotations
 * ({@code annotations}, default true) become page content that looks as they did and can no longer
 * be changed. PDFBox flattens form fields itself; other annotations (comments, stamps, highlights,
 * ink) it does not, so their normal appearance is drawn where the annotation sat, by the mapping the
 * PDF specification gives (12.5.5), and the annotation removed. Links, which have no look of their
 * own, stay links; popups go with the note they belong to.
 */
final class Flattening implements PdfOperation {

    @Override
    public List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException {
        OutputFiles files = new OutputFiles(task);
        try (PDDocument doc = PdfLoader.open(task.input(), task)) {
            PDAcroForm form = doc.getDocumentCatalog().getAcroForm();
            if (task.options().bool("forms", true) && form != null) {
                flattenForm(form);
            }
            if (task.options().bool("annotations", true)) {
                for (PDPage page : doc.getPages()) {
                    Cancellation.check();
                    flattenAnnotations(doc, page);
                }
            }
            return List.of(files.savePdf(doc, files.name(null, "pdf")));
        }
    }

    /** The form's fields as page content; appearances are made first where the form asks a viewer to make them. */
    static void flattenForm(PDAcroForm form) throws IOException {
        if (form.getNeedAppearances()) {
            form.refreshAppearances();
        }
        form.flatten();
    }

    private static void flattenAnnotations(PDDocument doc, PDPage page) throws IOException {
        List<PDAnnotation> kept = new ArrayList<>();
        List<PDAnnotation> drawn = new ArrayList<>();
        for (PDAnnotation a : page.getAnnotations()) {
            if (a instanceof PDAnnotationLink || a instanceof PDAnnotationWidget) {
                kept.add(a); // widgets belong to the form: flattened with it, or kept when forms are
            } else if (!(a instanceof PDAnnotationPopup)) {
                drawn.add(a);
            }
        }
        if (drawn.isEmpty()) {
            return;
        }
        try (PDPageContentStream cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
            for (PDAnnotation a : drawn) {
                PDAppearanceStream look = a.getNormalAppearanceStream();
                if (look == null || a.isHidden() || a.isNoView() || a.getRectangle() == null) {
                    continue;
                }
                PDRectangle box = look.getBBox();
                PDRectangle rect = a.getRectangle();
                if (box == null || box.getWidth() == 0 || box.getHeight() == 0) {
                    continue;
                }
                Rectangle2D turned = box.transform(look.getMatrix()).getBounds2D();
                Matrix toRect = Matrix.getTranslateInstance(rect.getLowerLeftX(), rect.getLowerLeftY());
                toRect.scale((float) (rect.getWidth() / turned.getWidth()), (float) (rect.getHeight() / turned.getHeight()));
                toRect.translate((float) -turned.getX(), (float) -turned.getY());
                cs.saveGraphicsState();
                cs.transform(toRect);
                cs.drawForm(new PDFormXObject(look.getCOSObject()));
                cs.restoreGraphicsState();
            }
        }
        page.setAnnotations(kept);
    }
}
