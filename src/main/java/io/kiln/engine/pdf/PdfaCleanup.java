package io.kiln.engine.pdf;

import io.kiln.engine.pdfa.PdfaLevel;
import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationPopup;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;

/**
 * Removes what PDF/A forbids and a viewer would not miss on paper: scripts and actions other than
 * going somewhere (ISO 19005-2, 6.5 and 6.6), embedded files below part 3, XFA, alternate images,
 * interpolation, annotations that play media, and (for part 1) optional content and transparency
 * groups. Annotations are made to print as they show, with only a normal appearance. What cannot be
 * removed without changing how a page looks (fonts, colours, real transparency) is left for the
 * validator to name.
 */
final class PdfaCleanup {

    /** Actions that only move the reader (ISO 19005-1, 6.6.1; part 2 allows the same and no more). */
    private static final Set<String> ALLOWED_ACTIONS = Set.of("GoTo", "GoToR", "Thread", "URI", "Named", "SubmitForm");
    private static final Set<String> ALLOWED_NAMED = Set.of("NextPage", "PrevPage", "FirstPage", "LastPage");
    private static final Set<String> MEDIA_ANNOTATIONS = Set.of("Sound", "Movie", "Screen", "3D", "RichMedia");
    private static final int FLAG_INVISIBLE = 1;
    private static final int FLAG_HIDDEN = 2;
    private static final int FLAG_PRINT = 4;
    private static final int FLAG_NO_VIEW = 32;
    private static final int FLAG_TOGGLE_NO_VIEW = 256;
    private static final COSName SUBTYPE2 = COSName.getPDFName("Subtype2");
    private static final COSName AF = COSName.getPDFName("AF");
    private static final COSName AF_RELATIONSHIP = COSName.getPDFName("AFRelationship");

    private final PDDocument doc;
    private final PdfaLevel level;
    private final Set<COSBase> visited = Collections.newSetFromMap(new IdentityHashMap<>());

    private PdfaCleanup(PDDocument doc, PdfaLevel level) {
        this.doc = doc;
        this.level = level;
    }

    static void apply(PDDocument doc, PdfaLevel level) throws IOException, InterruptedException {
        new PdfaCleanup(doc, level).apply();
    }

    private void apply() throws IOException, InterruptedException {
        PDDocumentCatalog catalog = doc.getDocumentCatalog();
        COSDictionary root = catalog.getCOSObject();
        root.removeItem(COSName.AA);
        if (root.getDictionaryObject(COSName.OPEN_ACTION) instanceof COSDictionary action && !allowed(action)) {
            root.removeItem(COSName.OPEN_ACTION);
        }
        root.removeItem(COSName.VERSION); // the header says it, once
        names(root);
        form(catalog);
        if (level.isPart1()) {
            root.removeItem(COSName.getPDFName("OCProperties"));
        }
        outline(root.getCOSDictionary(COSName.OUTLINES));
        for (PDPage page : doc.getPages()) {
            Cancellation.check();
            page(page);
        }
    }

    private void names(COSDictionary root) {
        COSDictionary names = root.getCOSDictionary(COSName.NAMES);
        if (names == null) {
            return;
        }
        names.removeItem(COSName.JAVA_SCRIPT);
        if (!level.allowsEmbeddedFiles()) {
            names.removeItem(COSName.EMBEDDED_FILES);
        } else {
            associateFiles(root, names.getCOSDictionary(COSName.EMBEDDED_FILES));
        }
    }

    /** PDF/A-3 wants each embedded file tied to the document (AF), with a relationship and a media type. */
    private void associateFiles(COSDictionary root, COSDictionary tree) {
        if (tree == null || !visited.add(tree)) {
            return;
        }
        if (tree.getCOSArray(COSName.NAMES) instanceof COSArray pairs) {
            COSArray af = root.getCOSArray(AF) == null ? new COSArray() : root.getCOSArray(AF);
            for (int i = 1; i < pairs.size(); i += 2) {
                if (pairs.getObject(i) instanceof COSDictionary spec) {
                    fileSpec(spec);
                    spec.setDirect(false); // one object, named by the tree and by AF, not two copies
                    af.add(pairs.get(i));
                }
            }
            root.setItem(AF, af);
        }
        if (tree.getCOSArray(COSName.KIDS) instanceof COSArray kids) {
            for (int i = 0; i < kids.size(); i++) {
                if (kids.getObject(i) instanceof COSDictionary kid) {
                    associateFiles(root, kid);
                }
            }
        }
    }

    private static void fileSpec(COSDictionary spec) {
        if (!spec.containsKey(AF_RELATIONSHIP)) {
            spec.setName(AF_RELATIONSHIP, "Unspecified");
        }
        String name = spec.getString(COSName.UF) != null ? spec.getString(COSName.UF) : spec.getString(COSName.F);
        if (name != null) {
            spec.setString(COSName.F, name);
            spec.setString(COSName.UF, name);
        }
        if (spec.getCOSDictionary(COSName.EF) instanceof COSDictionary ef) {
            for (COSName key : List.copyOf(ef.keySet())) {
                if (ef.getDictionaryObject(key) instanceof COSStream file && file.getCOSName(COSName.SUBTYPE) == null) {
                    file.setName(COSName.SUBTYPE, "application/octet-stream");
                }
            }
        }
    }

    private void form(PDDocumentCatalog catalog) throws IOException {
        PDAcroForm form = catalog.getAcroForm(null);
        if (form == null) {
            return;
        }
        form.getCOSObject().removeItem(COSName.XFA);
        if (form.getNeedAppearances()) {
            form.refreshAppearances(); // PDF/A forbids leaving the look of a field to the viewer
            form.setNeedAppearances(false);
        }
        form.getFieldTree().forEach(field -> field.getCOSObject().removeItem(COSName.AA));
    }

    private void outline(COSDictionary item) {
        for (COSDictionary node = item; node != null && visited.add(node); node = node.getCOSDictionary(COSName.NEXT)) {
            actionOf(node);
            outline(node.getCOSDictionary(COSName.FIRST));
        }
    }

    private void page(PDPage page) throws IOException {
        COSDictionary dict = page.getCOSObject();
        dict.removeItem(COSName.AA);
        if (level.isPart1()) {
            removeTransparencyGroup(dict);
            dict.removeItem(COSName.METADATA);
        }
        if (dict.getDictionaryObject(COSName.RESOURCES) instanceof COSDictionary resources) {
            resources(resources);
        }
        List<PDAnnotation> kept = new java.util.ArrayList<>();
        for (PDAnnotation annotation : page.getAnnotations()) {
            if (annotation(annotation)) {
                kept.add(annotation);
            }
        }
        page.setAnnotations(kept);
    }

    /** Whether the annotation stays; it is made to print, with no script and only a normal appearance. */
    private boolean annotation(PDAnnotation annotation) throws IOException {
        String subtype = annotation.getSubtype();
        if (MEDIA_ANNOTATIONS.contains(subtype) || ("FileAttachment".equals(subtype) && !level.allowsEmbeddedFiles())) {
            return false;
        }
        COSDictionary dict = annotation.getCOSObject();
        dict.removeItem(COSName.AA);
        if (annotation instanceof PDAnnotationWidget) {
            dict.removeItem(COSName.A); // a form field may hold its value, never do something
        }
        actionOf(dict);
        int flags = annotation.getAnnotationFlags() & ~(FLAG_INVISIBLE | FLAG_HIDDEN | FLAG_NO_VIEW | FLAG_TOGGLE_NO_VIEW);
        annotation.setAnnotationFlags(flags | FLAG_PRINT);
        if (level.isPart1() && dict.containsKey(COSName.CA)) {
            dict.setFloat(COSName.CA, 1f);
        }
        if (annotation instanceof PDAnnotationPopup || annotation instanceof PDAnnotationLink) {
            return true;
        }
        if (annotation.getAppearance() == null && !(annotation instanceof PDAnnotationWidget)) {
            annotation.constructAppearances(doc);
        }
        PDAppearanceDictionary look = annotation.getAppearance();
        if (look == null || look.getNormalAppearance() == null) {
            return isEmpty(annotation); // nothing to see, nothing lost; a visible one without a look cannot stay
        }
        look.getCOSObject().removeItem(COSName.R);
        look.getCOSObject().removeItem(COSName.D);
        if (annotation instanceof PDAnnotationWidget && look.getNormalAppearance().isSubDictionary()) {
            return true;
        }
        if (dict.getDictionaryObject(COSName.AP) instanceof COSDictionary ap
                && ap.getDictionaryObject(COSName.N) instanceof COSStream normal) {
            form(normal);
        }
        return true;
    }

    private static boolean isEmpty(PDAnnotation annotation) {
        var rect = annotation.getRectangle();
        return rect != null && (rect.getWidth() == 0 || rect.getHeight() == 0);
    }

    /** Removes an action that does more than go somewhere, and such actions chained after an allowed one. */
    private void actionOf(COSDictionary owner) {
        if (owner.getDictionaryObject(COSName.A) instanceof COSDictionary action && !allowed(action)) {
            owner.removeItem(COSName.A);
        }
    }

    private boolean allowed(COSDictionary action) {
        String type = action.getNameAsString(COSName.S);
        boolean ok = ALLOWED_ACTIONS.contains(type)
                && (!"Named".equals(type) || ALLOWED_NAMED.contains(action.getNameAsString(COSName.N)));
        if (ok && action.containsKey(COSName.NEXT)) {
            action.removeItem(COSName.NEXT); // a chain is rare; following it is not worth the risk of a loop
        }
        return ok;
    }

    private void resources(COSDictionary resources) {
        if (!visited.add(resources)) {
            return;
        }
        if (resources.getDictionaryObject(COSName.XOBJECT) instanceof COSDictionary xobjects) {
            for (COSName name : List.copyOf(xobjects.keySet())) {
                if (xobjects.getDictionaryObject(name) instanceof COSStream xobject) {
                    xobject(xobject);
                }
            }
        }
        if (resources.getDictionaryObject(COSName.PATTERN) instanceof COSDictionary patterns) {
            for (COSName name : List.copyOf(patterns.keySet())) {
                if (patterns.getDictionaryObject(name) instanceof COSStream pattern) {
                    form(pattern);
                }
            }
        }
    }

    private void xobject(COSStream xobject) {
        if (!visited.add(xobject)) {
            return;
        }
        String subtype = xobject.getNameAsString(COSName.SUBTYPE);
        if ("Image".equals(subtype)) {
            xobject.removeItem(COSName.getPDFName("Alternates"));
            xobject.removeItem(COSName.getPDFName("OPI"));
            if (xobject.containsKey(COSName.INTERPOLATE)) {
                xobject.setItem(COSName.INTERPOLATE, COSBoolean.FALSE);
            }
        } else if ("Form".equals(subtype)) {
            visited.remove(xobject);
            form(xobject);
        }
    }

    private void form(COSStream form) {
        if (!visited.add(form)) {
            return;
        }
        form.removeItem(COSName.getPDFName("OPI"));
        form.removeItem(COSName.getPDFName("PS"));
        if (COSName.getPDFName("PS").equals(form.getCOSName(SUBTYPE2))) {
            form.removeItem(SUBTYPE2);
        }
        if (level.isPart1()) {
            removeTransparencyGroup(form);
        }
        if (form.getDictionaryObject(COSName.RESOURCES) instanceof COSDictionary resources) {
            resources(resources);
        }
    }

    private static void removeTransparencyGroup(COSDictionary dict) {
        if (dict.getDictionaryObject(COSName.GROUP) instanceof COSDictionary group
                && COSName.TRANSPARENCY.equals(group.getCOSName(COSName.S))) {
            dict.removeItem(COSName.GROUP); // a group with nothing transparent in it only changes nothing
        }
    }
}
