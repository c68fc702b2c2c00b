package io.kiln.engine.pdf;

import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType3Font;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceEntry;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;

/**
 * The fonts a document names without carrying them. PDF/A needs every font's program inside the
 * file, and putting one in that has the right widths is what Ghostscript does and PDFBox does not;
 * so these decide whether a PDF/A conversion needs Ghostscript.
 */
final class UnembeddedFonts {

    private final Set<String> names = new TreeSet<>();
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    private UnembeddedFonts() {
    }

    /** The names of the fonts used by the pages (and the forms they draw) that are not embedded. */
    static Set<String> of(PDDocument doc) throws IOException, InterruptedException {
        UnembeddedFonts fonts = new UnembeddedFonts();
        for (PDPage page : doc.getPages()) {
            Cancellation.check();
            fonts.scan(page.getResources());
            for (PDAnnotation annotation : page.getAnnotations()) {
                fonts.scanLook(annotation.getAppearance());
            }
        }
        return fonts.names;
    }

    /** The fonts of an annotation's normal appearance: a form field's text is drawn with them. */
    private void scanLook(PDAppearanceDictionary look) throws IOException {
        PDAppearanceEntry normal = look == null ? null : look.getNormalAppearance();
        if (normal == null) {
            return;
        }
        if (normal.isStream()) {
            scan(normal.getAppearanceStream().getResources());
        } else {
            for (PDAppearanceStream state : normal.getSubDictionary().values()) {
                scan(state.getResources());
            }
        }
    }

    private void scan(PDResources resources) throws IOException {
        if (resources == null || !seen.add(resources.getCOSObject())) {
            return;
        }
        for (COSName name : resources.getFontNames()) {
            PDFont font = resources.getFont(name);
            if (font == null) {
                continue;
            }
            if (font instanceof PDType3Font type3) {
                scan(type3.getResources());
            } else if (!font.isEmbedded()) {
                names.add(font.getName() == null ? name.getName() : font.getName());
            }
        }
        for (COSName name : resources.getXObjectNames()) {
            PDXObject xobject;
            try {
                xobject = resources.getXObject(name);
            } catch (IOException unreadable) {
                continue; // a damaged image is the validator's to name, not a font question
            }
            if (xobject instanceof PDFormXObject form) {
                scan(form.getResources());
            }
        }
    }
}
