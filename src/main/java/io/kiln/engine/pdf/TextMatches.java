package io.kiln.engine.pdf;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;

/**
 * Finds the text of a page that the patterns match, as glyphs: the page's text is read in PDFBox's
 * reading order (words apart by a space, lines by a line break), each character remembering the glyph
 * it came from, so a match names its glyphs and the boxes around them, one box a line. Text in an
 * annotation's appearance is found too; its box then lies over the annotation, which goes whole.
 */
final class TextMatches extends PDFTextStripper {

    private final List<Pattern> patterns;
    private final StringBuilder text = new StringBuilder();
    private final List<TextPosition> owners = new ArrayList<>();
    private final Map<TextPosition, PlacedGlyph> placed = new IdentityHashMap<>();
    private PlacedGlyph pending;

    TextMatches(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** The matches on one page (1-based), as glyphs and boxes; no areas. */
    PageRedactions find(PDDocument doc, int page) throws IOException {
        text.setLength(0);
        owners.clear();
        placed.clear();
        setStartPage(page);
        setEndPage(page);
        writeText(doc, Writer.nullWriter());
        Set<PlacedGlyph.Key> keys = new HashSet<>();
        List<Rectangle2D> boxes = new ArrayList<>();
        String pageText = text.toString();
        for (Pattern pattern : patterns) {
            Matcher m = pattern.matcher(new BoundedText(pageText));
            while (m.find()) {
                Set<PlacedGlyph> glyphs = new LinkedHashSet<>();
                for (int i = m.start(); i < m.end(); i++) {
                    PlacedGlyph g = owners.get(i) == null ? null : placed.get(owners.get(i));
                    if (g != null) {
                        glyphs.add(g);
                    }
                }
                glyphs.forEach(g -> keys.add(g.key()));
                boxes.addAll(lines(glyphs));
            }
        }
        return new PageRedactions(keys, boxes, List.of());
    }

    /** Whether any pattern matches {@code s} (an annotation's text). */
    boolean matchesAny(String s) {
        return patterns.stream().anyMatch(p -> p.matcher(new BoundedText(s)).find());
    }

    /** The glyphs' boxes joined while they stay on one line: a match that wraps gets a box on each line. */
    private static List<Rectangle2D> lines(Iterable<PlacedGlyph> glyphs) {
        List<Rectangle2D> out = new ArrayList<>();
        Rectangle2D line = null;
        for (PlacedGlyph g : glyphs) {
            Rectangle2D box = g.box();
            if (line != null && sameLine(line, box)) {
                line = line.createUnion(box);
            } else {
                if (line != null) {
                    out.add(line);
                }
                line = box;
            }
        }
        if (line != null) {
            out.add(line);
        }
        return out;
    }

    private static boolean sameLine(Rectangle2D line, Rectangle2D box) {
        double overlap = Math.min(line.getMaxY(), box.getMaxY()) - Math.max(line.getMinY(), box.getMinY());
        double gap = Math.max(box.getMinX() - line.getMaxX(), line.getMinX() - box.getMaxX());
        return overlap >= 0.5 * Math.min(line.getHeight(), box.getHeight()) && gap <= box.getHeight();
    }

    /** The annotations' looks are read too (a filled field, a typed comment): pdftotext shows them as the page's text. */
    @Override
    protected void writePage() throws IOException {
        for (PDAnnotation a : getCurrentPage().getAnnotations()) {
            showAnnotation(a);
        }
        super.writePage();
    }

    @Override
    protected void showGlyph(Matrix trm, PDFont font, int code, Vector displacement) throws IOException {
        pending = PlacedGlyph.of(trm, font, code, displacement);
        try {
            super.showGlyph(trm, font, code, displacement);
        } finally {
            pending = null;
        }
    }

    @Override
    protected void processTextPosition(TextPosition position) {
        if (pending != null) {
            placed.put(position, pending);
        }
        super.processTextPosition(position);
    }

    @Override
    protected void writeString(String ignored, List<TextPosition> positions) {
        // the positions' own text, not the line's normalised one, keeps one character to one glyph
        for (TextPosition p : positions) {
            String unicode = p.getUnicode() == null ? "" : p.getUnicode();
            for (int i = 0; i < unicode.length(); i++) {
                text.append(unicode.charAt(i));
                owners.add(p);
            }
        }
    }

    @Override
    protected void writeWordSeparator() {
        text.append(' ');
        owners.add(null);
    }

    @Override
    protected void writeLineSeparator() {
        text.append('\n');
        owners.add(null);
    }
}
