package io.kiln.engine.pdf;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.contentstream.PDFStreamEngine;
import org.apache.pdfbox.contentstream.operator.DrawObject;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.state.Concatenate;
import org.apache.pdfbox.contentstream.operator.state.Restore;
import org.apache.pdfbox.contentstream.operator.state.Save;
import org.apache.pdfbox.contentstream.operator.state.SetGraphicsStateParameters;
import org.apache.pdfbox.contentstream.operator.state.SetMatrix;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.util.Matrix;

/**
 * The resolution each image is drawn at: walks the pages' content (forms included) and keeps, per
 * image stream, the lowest pixels-per-inch of its drawings, so an image shown twice stays sharp
 * enough for its largest showing. Images never drawn by page content (in patterns or
 * annotation appearances) are not listed, and so are left alone.
 */
final class ImageUse extends PDFStreamEngine {

    /** An image and its resolution where it is drawn largest, in pixels per inch. */
    record Use(PDImageXObject image, double ppi) {
    }

    private final Map<COSStream, Use> uses = new IdentityHashMap<>();

    ImageUse() {
        addOperator(new Concatenate(this));
        addOperator(new DrawObject(this));
        addOperator(new SetGraphicsStateParameters(this));
        addOperator(new Save(this));
        addOperator(new Restore(this));
        addOperator(new SetMatrix(this));
    }

    void scan(PDPage page) throws IOException {
        processPage(page);
    }

    /** Every image seen so far with the resolution it needs. */
    Map<COSStream, Use> uses() {
        return uses;
    }

    @Override
    protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
        if ("Do".equals(operator.getName()) && !operands.isEmpty() && operands.getFirst() instanceof COSName name) {
            PDXObject object = getResources() == null ? null : getResources().getXObject(name);
            if (object instanceof PDImageXObject image) {
                record(image);
                return;
            }
            if (object instanceof PDFormXObject) {
                super.processOperator(operator, operands);
            }
            return;
        }
        super.processOperator(operator, operands);
    }

    private void record(PDImageXObject image) {
        Matrix ctm = getGraphicsState().getCurrentTransformationMatrix();
        // the unit square's sides as drawn, in points: the scaling of the matrix along each axis
        double width = Math.hypot(ctm.getScaleX(), ctm.getShearY());
        double height = Math.hypot(ctm.getShearX(), ctm.getScaleY());
        if (width < 1e-3 || height < 1e-3) {
            return;
        }
        double ppi = Math.max(image.getWidth() / (width / 72), image.getHeight() / (height / 72));
        uses.merge(image.getCOSObject(), new Use(image, ppi), (a, b) -> a.ppi() <= b.ppi() ? a : b);
    }
}
