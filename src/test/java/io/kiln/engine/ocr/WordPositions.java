package io.kiln.engine.ocr;

import java.awt.geom.Point2D;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Where each word of a page starts, as a reader sees the page (origin at the top left of the shown,
 * turned page; y down). Only each word's first occurrence is kept.
 */
final class WordPositions extends PDFTextStripper {

    private final Map<String, Point2D> starts = new LinkedHashMap<>();

    private WordPositions() {
    }

    static Map<String, Point2D> of(PDDocument doc, int page) throws IOException {
        WordPositions stripper = new WordPositions();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        stripper.getText(doc);
        return stripper.starts;
    }

    @Override
    protected void writeString(String text, List<TextPosition> positions) {
        StringBuilder word = new StringBuilder();
        TextPosition first = null;
        for (TextPosition glyph : positions) {
            if (glyph.getUnicode().isBlank()) {
                remember(word, first);
                word.setLength(0);
                first = null;
                continue;
            }
            if (first == null) {
                first = glyph;
            }
            word.append(glyph.getUnicode());
        }
        remember(word, first);
    }

    private void remember(StringBuilder word, TextPosition first) {
        String w = word.toString().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
        if (!w.isEmpty() && first != null) {
            starts.putIfAbsent(w, new Point2D.Double(first.getX(), first.getY()));
        }
    }
}
