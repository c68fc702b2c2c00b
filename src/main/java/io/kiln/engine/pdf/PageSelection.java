package io.kiln.engine.pdf;

import io.kiln.engine.PageRanges;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageTree;

/**
 * Applies the {@code pages} option to a whole document in place, in the order given, so that
 * what the catalog holds (forms, outline, metadata) stays with the pages that remain. Also used by
 * other engines that produce PDFs (LibreOffice's export is selected the same way).
 */
public final class PageSelection {

    private PageSelection() {
    }

    /** Keeps only the pages of {@code spec} (all when absent); a page named twice appears twice. */
    public static void apply(PDDocument doc, Optional<String> spec) {
        if (spec.isPresent()) {
            apply(doc, PageRanges.select(spec, doc.getNumberOfPages()));
        }
    }

    /** Keeps only {@code pages} (1-based), in that order; a page named twice appears twice. */
    static void apply(PDDocument doc, List<Integer> pages) {
        List<PDPage> chosen = new ArrayList<>();
        Set<COSDictionary> used = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int p : pages) {
            PDPage page = doc.getPage(p - 1);
            pinInherited(page);
            // a page object may sit in the tree only once; a repeat gets its own (shallow) copy
            chosen.add(used.add(page.getCOSObject()) ? page : new PDPage(new COSDictionary(page.getCOSObject())));
        }
        COSDictionary root = new COSDictionary();
        root.setItem(COSName.TYPE, COSName.PAGES);
        root.setItem(COSName.KIDS, new COSArray());
        root.setInt(COSName.COUNT, 0);
        doc.getDocumentCatalog().getCOSObject().setItem(COSName.PAGES, root);
        PDPageTree tree = doc.getPages();
        chosen.forEach(tree::add);
    }

    /** Copies attributes a page inherits from its old parents, which it is about to leave. */
    private static void pinInherited(PDPage page) {
        page.setMediaBox(page.getMediaBox());
        page.setCropBox(page.getCropBox());
        page.setRotation(page.getRotation());
        page.setResources(page.getResources());
    }
}
