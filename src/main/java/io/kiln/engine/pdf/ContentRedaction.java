package io.kiln.engine.pdf;

import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.apache.pdfbox.contentstream.PDFStreamEngine;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.state.Concatenate;
import org.apache.pdfbox.contentstream.operator.state.Restore;
import org.apache.pdfbox.contentstream.operator.state.Save;
import org.apache.pdfbox.contentstream.operator.state.SetGraphicsStateParameters;
import org.apache.pdfbox.contentstream.operator.state.SetMatrix;
import org.apache.pdfbox.contentstream.operator.text.BeginText;
import org.apache.pdfbox.contentstream.operator.text.EndText;
import org.apache.pdfbox.contentstream.operator.text.MoveText;
import org.apache.pdfbox.contentstream.operator.text.MoveTextSetLeading;
import org.apache.pdfbox.contentstream.operator.text.NextLine;
import org.apache.pdfbox.contentstream.operator.text.SetCharSpacing;
import org.apache.pdfbox.contentstream.operator.text.SetFontAndSize;
import org.apache.pdfbox.contentstream.operator.text.SetTextHorizontalScaling;
import org.apache.pdfbox.contentstream.operator.text.SetTextLeading;
import org.apache.pdfbox.contentstream.operator.text.SetTextRenderingMode;
import org.apache.pdfbox.contentstream.operator.text.SetTextRise;
import org.apache.pdfbox.contentstream.operator.text.SetWordSpacing;
import org.apache.pdfbox.contentstream.operator.text.ShowText;
import org.apache.pdfbox.contentstream.operator.text.ShowTextAdjusted;
import org.apache.pdfbox.contentstream.operator.text.ShowTextLine;
import org.apache.pdfbox.contentstream.operator.text.ShowTextLineAndSpace;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.PDTextState;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;

/**
 * Writes a page's content stream anew without what lies under its redactions. PDFBox's stream engine
 * keeps the graphics and text state, so each glyph of a text operator (Tj, TJ, ', ") is known with
 * its box; a removed glyph becomes a TJ displacement of its own advance, so the text after it keeps
 * its place. Forms drawn on the page are rewritten the same way (as new forms, the shared original
 * left alone); images under a box are painted in their pixels ({@link ImagePainting}); inline images
 * and stencil masks under a box are dropped whole.
 */
final class ContentRedaction extends PDFStreamEngine {

    /** Forms within forms: real documents nest two or three; a deeper chain is a loop or a bomb. */
    static final int MAX_FORM_DEPTH = 12;
    /** Images painted on one page: each is decoded and encoded again. */
    static final int MAX_IMAGES = 64;
    private static final Operator TJ = Operator.getOperator("TJ");

    /** One glyph of the text operator being rewritten: its code's bytes, and the TJ number that stands for it. */
    private record ShownGlyph(byte[] code, boolean removed, float adjustment) {
    }

    private final PDDocument doc;
    private final PageRedactions plan;
    private final Color color;
    private final Deque<RewrittenStream> streams = new ArrayDeque<>();
    /** Above 0 while an operator runs others (' runs T* and Tj): those write no tokens of their own. */
    private int nested;
    private List<List<ShownGlyph>> shownStrings;
    private List<ShownGlyph> shown;
    private byte[] string;
    private ByteArrayInputStream codes;
    private int imagesPainted;

    ContentRedaction(PDDocument doc, PageRedactions plan, Color color) {
        this.doc = doc;
        this.plan = plan;
        this.color = color;
        addOperator(new Save(this));
        addOperator(new Restore(this));
        addOperator(new Concatenate(this));
        addOperator(new SetGraphicsStateParameters(this));
        addOperator(new BeginText(this));
        addOperator(new EndText(this));
        addOperator(new SetFontAndSize(this));
        addOperator(new SetCharSpacing(this));
        addOperator(new SetWordSpacing(this));
        addOperator(new SetTextHorizontalScaling(this));
        addOperator(new SetTextLeading(this));
        addOperator(new SetTextRenderingMode(this));
        addOperator(new SetTextRise(this));
        addOperator(new MoveText(this));
        addOperator(new MoveTextSetLeading(this));
        addOperator(new NextLine(this));
        addOperator(new SetMatrix(this));
        addOperator(new ShowText(this));
        addOperator(new ShowTextAdjusted(this));
        addOperator(new ShowTextLine(this));
        addOperator(new ShowTextLineAndSpace(this));
    }

    /** Rewrites {@code page}'s content (and the forms it draws) when anything on it lies under the plan. */
    void rewrite(PDPage page) throws IOException {
        if (!page.hasContents()) {
            return;
        }
        RewrittenStream top = new RewrittenStream(page.getResources());
        streams.push(top);
        try {
            processPage(page);
        } finally {
            streams.pop();
        }
        if (!top.changed()) {
            return;
        }
        PDStream content = new PDStream(doc);
        try (OutputStream out = content.createOutputStream(COSName.FLATE_DECODE)) {
            top.writeTo(out);
        }
        page.setContents(content);
        if (top.ownsResources()) {
            page.setResources(new PDResources(top.finishedResources()));
        }
    }

    @Override
    protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
        if (nested > 0) {
            super.processOperator(operator, operands);
            return;
        }
        RewrittenStream out = streams.peek();
        switch (operator.getName()) {
            case "Tj", "TJ", "'", "\"" -> showText(operator, operands, out);
            case "Do" -> drawObject(operator, operands, out);
            case "BI" -> inlineImage(operator, operands, out);
            default -> {
                run(operator, operands);
                out.emit(operands, operator);
            }
        }
    }

    private void run(Operator operator, List<COSBase> operands) throws IOException {
        nested++;
        try {
            super.processOperator(operator, operands);
        } finally {
            nested--;
        }
    }

    private void showText(Operator operator, List<COSBase> operands, RewrittenStream out) throws IOException {
        List<COSBase> given = List.copyOf(operands);
        shownStrings = new ArrayList<>();
        List<List<ShownGlyph>> strings;
        try {
            run(operator, operands);
        } finally {
            strings = shownStrings;
            shownStrings = null;
            shown = null;
        }
        if (strings.stream().flatMap(List::stream).noneMatch(ShownGlyph::removed)) {
            out.emit(given, operator);
            return;
        }
        out.markChanged();
        List<COSBase> elements;
        switch (operator.getName()) {
            case "'" -> {
                out.emit(List.of(), Operator.getOperator("T*"));
                elements = given.subList(given.size() - 1, given.size());
            }
            case "\"" -> {
                out.emit(List.of(given.get(0)), Operator.getOperator("Tw"));
                out.emit(List.of(given.get(1)), Operator.getOperator("Tc"));
                out.emit(List.of(), Operator.getOperator("T*"));
                elements = given.subList(2, given.size());
            }
            case "TJ" -> {
                elements = new ArrayList<>();
                ((COSArray) given.getFirst()).forEach(elements::add);
            }
            default -> elements = given.subList(0, 1);
        }
        out.emit(List.of(kept(elements, strings.iterator())), TJ);
    }

    /** The TJ array of what stays: kept glyphs as strings, removed ones (and the original numbers) as displacements. */
    private static COSArray kept(List<COSBase> elements, Iterator<List<ShownGlyph>> strings) {
        COSArray array = new COSArray();
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        float adjustment = 0;
        for (COSBase element : elements) {
            if (element instanceof COSNumber n) {
                adjustment += n.floatValue();
            } else if (element instanceof COSString && strings.hasNext()) {
                for (ShownGlyph g : strings.next()) {
                    if (g.removed()) {
                        if (run.size() > 0) {
                            adjustment = flush(array, adjustment);
                            array.add(new COSString(run.toByteArray()));
                            run.reset();
                        }
                        adjustment += g.adjustment();
                    } else {
                        if (run.size() == 0) {
                            adjustment = flush(array, adjustment);
                        }
                        run.writeBytes(g.code());
                    }
                }
                if (run.size() > 0) {
                    array.add(new COSString(run.toByteArray()));
                    run.reset();
                }
            }
            // a string PDFBox could not show (no font) is dropped: better lost than left readable
        }
        flush(array, adjustment);
        return array;
    }

    private static float flush(COSArray array, float adjustment) {
        if (adjustment != 0) {
            array.add(new COSFloat(adjustment));
        }
        return 0;
    }

    @Override
    protected void showText(byte[] bytes) throws IOException {
        if (shownStrings != null) {
            shown = new ArrayList<>();
            shownStrings.add(shown);
            string = bytes;
            codes = new ByteArrayInputStream(bytes);
        }
        super.showText(bytes);
    }

    @Override
    protected void showGlyph(Matrix trm, PDFont font, int code, Vector displacement) throws IOException {
        if (shown == null) {
            return; // drawing glyphs (Type 3 procedures) would write their operators into the page
        }
        int start = string.length - codes.available();
        font.readCode(codes); // the same reading as the engine's, to learn how many bytes the code took
        byte[] bytes = Arrays.copyOfRange(string, start, string.length - codes.available());
        PDTextState state = getGraphicsState().getTextState();
        float size = state.getFontSize();
        float advance = (font.isVertical() ? displacement.getY() : displacement.getX()) * size
                + state.getCharacterSpacing() + (bytes.length == 1 && code == 32 ? state.getWordSpacing() : 0);
        // TJ moves by -n/1000 of the font size (scaled as the glyph is), so -advance·1000/size moves as the glyph did
        float adjustment = size == 0 ? 0 : -advance * 1000 / size;
        shown.add(new ShownGlyph(bytes, plan.removes(PlacedGlyph.of(trm, font, code, displacement)), adjustment));
    }

    private void drawObject(Operator operator, List<COSBase> operands, RewrittenStream out) throws IOException {
        if (operands.isEmpty() || !(operands.getFirst() instanceof COSName name)) {
            out.emit(operands, operator);
            return;
        }
        PDXObject xobject;
        try {
            xobject = getResources().getXObject(name);
        } catch (IOException e) {
            out.replace(name); // an object that cannot be read is not drawn by a viewer either; drop it
            return;
        }
        if (xobject instanceof PDFormXObject form) {
            drawForm(name, form, out);
        } else if (xobject instanceof PDImageXObject image) {
            drawImage(name, image, out);
        } else {
            out.draw(name);
        }
    }

    private void drawForm(COSName name, PDFormXObject form, RewrittenStream out) throws IOException {
        if (streams.size() > MAX_FORM_DEPTH) {
            throw new ConversionFailed(ErrorCode.CORRUPT_DOCUMENT,
                    "The PDF nests forms deeper than " + MAX_FORM_DEPTH + " levels; it cannot be redacted safely.");
        }
        RewrittenStream inner = new RewrittenStream(form.getResources() != null ? form.getResources() : getResources());
        streams.push(inner);
        try {
            showForm(form);
        } finally {
            streams.pop();
        }
        if (!inner.changed()) {
            out.draw(name);
            return;
        }
        out.replace(name);
        out.draw(out.add(inner.asForm(doc, form.getCOSObject())));
    }

    private void drawImage(COSName name, PDImageXObject image, RewrittenStream out) throws IOException {
        Matrix ctm = getGraphicsState().getCurrentTransformationMatrix();
        List<Rectangle2D> over = flat(ctm) ? List.of() : plan.boxesOver(unitSquare(ctm));
        if (over.isEmpty()) {
            out.draw(name);
            return;
        }
        out.replace(name);
        if (image.isStencil()) {
            return; // a stencil paints with the fill colour, not its pixels; it goes whole
        }
        if (++imagesPainted > MAX_IMAGES) {
            throw new ConversionFailed(ErrorCode.DOCUMENT_TOO_LARGE,
                    "More than " + MAX_IMAGES + " images lie under redactions on one page.");
        }
        out.draw(out.add(ImagePainting.paint(doc, image, ctm, over, color).getCOSObject()));
    }

    private void inlineImage(Operator operator, List<COSBase> operands, RewrittenStream out) {
        Matrix ctm = getGraphicsState().getCurrentTransformationMatrix();
        if (!flat(ctm) && !plan.boxesOver(unitSquare(ctm)).isEmpty()) {
            out.markChanged(); // dropped: small images written into the content itself
            return;
        }
        out.emit(operands, operator);
    }

    private static Shape unitSquare(Matrix ctm) {
        return ctm.createAffineTransform().createTransformedShape(new Rectangle2D.Double(0, 0, 1, 1));
    }

    private static boolean flat(Matrix ctm) {
        return Math.abs(ctm.createAffineTransform().getDeterminant()) < 1e-9;
    }
}
