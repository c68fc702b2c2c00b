package io.kiln.engine.pdf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColor;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColorN;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingColorSpace;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceCMYKColor;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceGrayColor;
import org.apache.pdfbox.contentstream.operator.color.SetNonStrokingDeviceRGBColor;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.pdmodel.graphics.color.PDColor;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * A text stripper that, while it writes a page's text as {@code pdf → txt} does, also keeps each word
 * with its box and, when asked, its font and fill colour. Words are the stripper's own (its spacing
 * rules), split again at any space a run still holds.
 */
final class WordStripper extends PDFTextStripper {

    /** A page read: its text as the stripper writes it, and its words in reading order. */
    record Page(String text, List<ExtractedWord> words) {
    }

    /** Used when a font's descriptor gives no ascent or descent: typical Latin proportions of the size. */
    private static final float ASCENT = 0.8f;
    private static final float DESCENT = -0.2f;

    private final boolean style;
    /** The fill colour in force when each glyph was shown; the stripper itself keeps no colour. */
    private final Map<TextPosition, PDColor> colors = new IdentityHashMap<>();
    private final List<ExtractedWord> words = new ArrayList<>();
    private int page;

    WordStripper(boolean style) {
        this.style = style;
        if (style) { // the text stripper skips colour operators; the graphics state needs them to know the fill
            addOperator(new SetNonStrokingColorSpace(this));
            addOperator(new SetNonStrokingColor(this));
            addOperator(new SetNonStrokingColorN(this));
            addOperator(new SetNonStrokingDeviceGrayColor(this));
            addOperator(new SetNonStrokingDeviceRGBColor(this));
            addOperator(new SetNonStrokingDeviceCMYKColor(this));
        }
    }

    Page read(PDDocument doc, int pageNumber) throws IOException {
        words.clear();
        colors.clear();
        page = pageNumber;
        setStartPage(pageNumber);
        setEndPage(pageNumber);
        String text = getText(doc);
        return new Page(text, List.copyOf(words));
    }

    @Override
    protected void processTextPosition(TextPosition text) {
        if (style) {
            colors.put(text, getGraphicsState().getNonStrokingColor());
        }
        super.processTextPosition(text);
    }

    @Override
    protected void writeString(String text, List<TextPosition> positions) throws IOException {
        List<TextPosition> run = new ArrayList<>();
        for (TextPosition p : positions) {
            if (p.getUnicode() == null || p.getUnicode().isBlank()) {
                add(run);
                run.clear();
            } else {
                run.add(p);
            }
        }
        add(run);
        super.writeString(text, positions);
    }

    private void add(List<TextPosition> run) {
        if (run.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        float left = Float.MAX_VALUE;
        float right = -Float.MAX_VALUE;
        for (TextPosition p : run) {
            text.append(p.getUnicode());
            left = Math.min(left, p.getXDirAdj());
            right = Math.max(right, p.getXDirAdj() + p.getWidthDirAdj());
        }
        TextPosition first = run.getFirst();
        float size = first.getFontSizeInPt();
        // y from the top in the text's direction; the page's height in that direction turns it upwards
        float height = first.getDir() == 0 || first.getDir() == 180 ? first.getPageHeight() : first.getPageWidth();
        float baseline = height - first.getYDirAdj();
        float[] extent = extent(first.getFont());
        float bottom = baseline + extent[1] * size;
        float top = baseline + extent[0] * size;
        words.add(new ExtractedWord(text.toString(), page, left, bottom, right - left, top - bottom,
                style ? font(first.getFont(), size) : null, style ? color(colors.get(first)) : null));
    }

    /** The font's ascent and descent as shares of its size. */
    private static float[] extent(PDFont font) {
        PDFontDescriptor d = font == null ? null : font.getFontDescriptor();
        float ascent = d == null || d.getAscent() <= 0 ? ASCENT : d.getAscent() / 1000f;
        float descent = d == null || d.getDescent() >= 0 ? DESCENT : d.getDescent() / 1000f;
        return new float[] {Math.min(ascent, 2f), Math.max(descent, -1f)};
    }

    private static ExtractedWord.Font font(PDFont font, float size) {
        String name = font == null || font.getName() == null ? "" : font.getName();
        return new ExtractedWord.Font(name.matches("[A-Z]{6}\\+.*") ? name.substring(7) : name, size);
    }

    private static ExtractedWord.Color color(PDColor color) {
        if (color == null) {
            return new ExtractedWord.Color("DeviceGray", List.of(0.0));
        }
        List<Double> values = new ArrayList<>();
        for (float c : color.getComponents()) {
            values.add((double) c);
        }
        String space = color.getColorSpace() == null ? "DeviceGray" : color.getColorSpace().getName();
        return new ExtractedWord.Color(space, values);
    }
}
