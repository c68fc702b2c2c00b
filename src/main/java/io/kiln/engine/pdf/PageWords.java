package io.kiln.engine.pdf;

import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * The words of one page with their places. PDFBox's stripper does the reading (word breaks,
 * ligatures, right-to-left words in reading order, shadow copies dropped); its text is discarded,
 * only the words it hands to {@link #writeString(String, List)} are kept.
 */
final class PageWords extends PDFTextStripper {

    /**
     * Words kept from one page: a dense real page has a few thousand; past this a page is taken for
     * hostile, as the column search grows with words times rows.
     */
    static final int MAX_WORDS = 50_000;

    private final List<PlacedWord> words = new ArrayList<>();

    private PageWords() {
    }

    /** The words of {@code page} (1-based), in the stripper's order. */
    static List<PlacedWord> of(PDDocument doc, int page) throws IOException {
        PageWords stripper = new PageWords();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        stripper.writeText(doc, Writer.nullWriter());
        return stripper.words;
    }

    /**
     * A run of text between the gaps the stripper saw; its own spaces (a row printed as one string,
     * padded with spaces) are kept inside it, so it is cut at them here: the columns are judged by
     * the words' places. Right-to-left text is kept whole, as its places run against its reading order.
     */
    @Override
    protected void writeString(String text, List<TextPosition> positions) {
        String run = text.strip();
        if (run.isEmpty() || positions.isEmpty()) {
            return;
        }
        String[] parts = run.split("\\s+");
        List<List<TextPosition>> places = splitAtSpaces(positions);
        if (parts.length == places.size() && !hasRightToLeft(run)) {
            for (int i = 0; i < parts.length; i++) {
                add(parts[i], places.get(i));
            }
        } else {
            add(run, positions);
        }
    }

    private void add(String word, List<TextPosition> positions) {
        if (words.size() == MAX_WORDS) {
            throw new ConversionFailed(ErrorCode.DOCUMENT_TOO_LARGE,
                    "A page has more than " + MAX_WORDS + " words; that is too many to lay out as cells.");
        }
        double left = Double.MAX_VALUE;
        double right = -Double.MAX_VALUE;
        double size = 0;
        for (TextPosition p : positions) {
            left = Math.min(left, p.getXDirAdj());
            right = Math.max(right, p.getXDirAdj() + p.getWidthDirAdj());
            size = Math.max(size, p.getFontSizeInPt());
        }
        // a font without a usable size still needs a scale for its gaps: a common body size
        double scale = size > 0 && Double.isFinite(size) ? size : 10;
        words.add(new PlacedWord(word, left, right, positions.getFirst().getYDirAdj(), scale));
    }

    private static List<List<TextPosition>> splitAtSpaces(List<TextPosition> positions) {
        List<List<TextPosition>> groups = new ArrayList<>();
        List<TextPosition> current = new ArrayList<>();
        for (TextPosition p : positions) {
            if (p.getUnicode() == null || p.getUnicode().isBlank()) {
                if (!current.isEmpty()) {
                    groups.add(current);
                    current = new ArrayList<>();
                }
            } else {
                current.add(p);
            }
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    private static boolean hasRightToLeft(String text) {
        return text.codePoints().anyMatch(c -> {
            byte d = Character.getDirectionality(c);
            return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
        });
    }
}
