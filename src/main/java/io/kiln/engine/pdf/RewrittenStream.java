package io.kiln.engine.pdf;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdfwriter.ContentStreamWriter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;

/**
 * One content stream (a page's or a form's) as it is written anew: its tokens, and — once a drawn
 * object is replaced — its own copy of its resources, so objects shared with other pages or forms
 * are never changed in place. A replaced object leaves the copy unless something still draws it, so
 * the original (an unpainted image, a form with the text) is no longer part of the saved file.
 */
final class RewrittenStream {

    private static final Set<COSName> NOT_COPIED = Set.of(COSName.LENGTH, COSName.FILTER, COSName.DECODE_PARMS,
            COSName.DL, COSName.RESOURCES);

    private final List<Object> tokens = new ArrayList<>();
    private final PDResources resources;
    private COSDictionary copy;
    private COSDictionary xobjects;
    private final Set<COSName> drawn = new HashSet<>();
    private final Set<COSName> replaced = new HashSet<>();
    private boolean changed;

    RewrittenStream(PDResources resources) {
        this.resources = resources == null ? new PDResources() : resources;
    }

    void emit(List<COSBase> operands, Operator operator) {
        tokens.addAll(operands);
        tokens.add(operator);
    }

    void draw(COSName name) {
        drawn.add(name);
        emit(List.of(name), Operator.getOperator("Do"));
    }

    void markChanged() {
        changed = true;
    }

    boolean changed() {
        return changed;
    }

    /** {@code old} is no longer drawn from here (the stream now draws {@code replacement}, or nothing). */
    void replace(COSName old) {
        ownResources();
        replaced.add(old);
        changed = true;
    }

    /** Puts {@code xobject} in this stream's own resources under a fresh name, and returns the name. */
    COSName add(COSStream xobject) {
        ownResources();
        int n = 1;
        COSName name;
        do {
            name = COSName.getPDFName("Redacted" + n++);
        } while (xobjects.containsKey(name));
        xobjects.setItem(name, xobject);
        return name;
    }

    /** The resources the rewritten stream uses: the original, or the copy without what it no longer draws. */
    COSDictionary finishedResources() {
        if (copy == null) {
            return resources.getCOSObject();
        }
        for (COSName old : replaced) {
            if (!drawn.contains(old)) {
                xobjects.removeItem(old);
            }
        }
        return copy;
    }

    boolean ownsResources() {
        return copy != null;
    }

    void writeTo(OutputStream out) throws IOException {
        new ContentStreamWriter(out).writeTokens(tokens);
    }

    /** A new form XObject: {@code original}'s dictionary (matrix, box, group) over the rewritten content. */
    COSStream asForm(PDDocument doc, COSStream original) throws IOException {
        COSStream form = doc.getDocument().createCOSStream();
        for (Map.Entry<COSName, COSBase> e : original.entrySet()) {
            if (!NOT_COPIED.contains(e.getKey())) {
                form.setItem(e.getKey(), e.getValue());
            }
        }
        form.setItem(COSName.RESOURCES, finishedResources());
        try (OutputStream out = form.createOutputStream(COSName.FLATE_DECODE)) {
            writeTo(out);
        }
        return form;
    }

    private void ownResources() {
        if (copy == null) {
            copy = new COSDictionary(resources.getCOSObject());
            COSDictionary original = resources.getCOSObject().getCOSDictionary(COSName.XOBJECT);
            xobjects = original == null ? new COSDictionary() : new COSDictionary(original);
            copy.setItem(COSName.XOBJECT, xobjects);
        }
    }
}
