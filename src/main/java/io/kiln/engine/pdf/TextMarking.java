package io.kiln.engine.pdf;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.PageRanges;
import io.kiln.engine.ProducedFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.util.Matrix;

/**
 * {@code pdf → watermark}, {@code stamp} and {@code page-numbers}: text drawn on the chosen pages as
 * real text (it can be found and copied), in an embedded font. A watermark sits across the middle,
 * large, pale and turned; a stamp in a corner; page numbers along the bottom, written from a
 * {@code format} where {@code {n}} is the page's number and {@code {total}} the last number.
 * PDFBox has no such operation of its own: the layout (alignment, lines, rotation, tiling over a
 * turned page) is what this class adds.
 */
final class TextMarking implements PdfOperation {

    /** The three operations, each with the defaults it draws with. */
    enum Kind {
        WATERMARK(new TextMark.Defaults(48, "#808080", 0.3f, 45, Placement.CENTER, 0)),
        STAMP(new TextMark.Defaults(12, "#000000", 1, 0, Placement.TOP_RIGHT, 36)),
        PAGE_NUMBERS(new TextMark.Defaults(10, "#000000", 1, 0, Placement.BOTTOM, 24));

        final TextMark.Defaults defaults;

        Kind(TextMark.Defaults defaults) {
            this.defaults = defaults;
        }
    }

    static final String DEFAULT_FORMAT = "{n}";
    /** Copies of a tiled mark on one page: more is a bomb, not a watermark. */
    private static final int MAX_TILES = 2_000;
    /** Line spacing, as a multiple of the font size. */
    private static final double LEADING = 1.2;

    private final Kind kind;

    TextMarking(Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException {
        var options = task.options();
        String text = kind == Kind.PAGE_NUMBERS ? options.string("format").orElse(DEFAULT_FORMAT)
                : options.string("text").orElse("");
        TextMark mark = TextMark.of(options, kind.defaults, text);
        OutputFiles files = new OutputFiles(task);
        try (PDDocument doc = PdfLoader.open(task.input(), task)) {
            PDFont font = mark.font().load(doc);
            List<Integer> pages = pages(task, doc.getNumberOfPages());
            int first = options.integer("firstNumber", 1);
            int last = first + pages.size() - 1;
            PDExtendedGraphicsState alpha = new PDExtendedGraphicsState();
            alpha.setNonStrokingAlphaConstant(mark.opacity());
            alpha.setStrokingAlphaConstant(mark.opacity());
            for (int i = 0; i < pages.size(); i++) {
                Cancellation.check();
                String written = kind == Kind.PAGE_NUMBERS
                        ? text.replace("{n}", Integer.toString(first + i)).replace("{total}", Integer.toString(last))
                        : text;
                draw(doc, doc.getPage(pages.get(i) - 1), font, alpha, mark, written);
            }
            return List.of(files.savePdf(doc, files.name(null, "pdf")));
        }
    }

    /** The pages to mark, each once, in page order: {@code pages} (all by default), less {@code skip} for numbers. */
    private List<Integer> pages(ConversionTask task, int count) {
        Set<Integer> chosen = new java.util.TreeSet<>(PageRanges.select(task.options().pages(), count));
        if (kind == Kind.PAGE_NUMBERS) {
            Optional<String> skip = task.options().string("skip");
            skip.ifPresent(s -> chosen.removeAll(PageRanges.select(Optional.of(s), count)));
        }
        return List.copyOf(new LinkedHashSet<>(chosen));
    }

    private static void draw(PDDocument doc, PDPage page, PDFont font, PDExtendedGraphicsState alpha, TextMark mark,
                             String text) throws IOException {
        List<String> lines = List.of(text.split("\n", -1));
        List<Float> widths = new ArrayList<>();
        float blockWidth = 0;
        for (String line : lines) {
            float w = width(font, line, mark.size());
            widths.add(w);
            blockWidth = Math.max(blockWidth, w);
        }
        double leading = mark.size() * LEADING;
        double ascent = mark.size() * ascentRatio(font);
        double blockHeight = ascent + (lines.size() - 1) * leading;
        DisplaySpace space = DisplaySpace.of(page);
        var mode = mark.under() ? PDPageContentStream.AppendMode.PREPEND : PDPageContentStream.AppendMode.APPEND;
        // over the content, the page's own streams are wrapped in q/Q first (they may leave the state changed)
        try (PDPageContentStream cs = new PDPageContentStream(doc, page, mode, true, !mark.under())) {
            cs.saveGraphicsState();
            cs.transform(space.toUser());
            cs.setGraphicsStateParameters(alpha);
            cs.setNonStrokingColor(mark.rgb()[0], mark.rgb()[1], mark.rgb()[2]);
            Placement placement = mark.tiled() ? Placement.CENTER : mark.placement();
            for (double[] anchor : anchors(space, mark, blockWidth, blockHeight)) {
                cs.saveGraphicsState();
                double left = -placement.alignX * blockWidth;
                double top = -placement.alignY * blockHeight + blockHeight;
                // turned about the block's own centre, so a mark in a corner turns where it stands
                cs.transform(Matrix.getTranslateInstance((float) (anchor[0] + left + blockWidth / 2),
                        (float) (anchor[1] + top - blockHeight / 2)));
                cs.transform(Matrix.getRotateInstance(Math.toRadians(mark.rotation()), 0, 0));
                left = -blockWidth / 2;
                top = blockHeight / 2;
                for (int i = 0; i < lines.size(); i++) {
                    cs.beginText();
                    cs.setFont(font, mark.size());
                    // each line aligned within the block as the block is to its anchor
                    cs.newLineAtOffset((float) (left + placement.alignX * (blockWidth - widths.get(i))),
                            (float) (top - ascent - i * leading));
                    cs.showText(lines.get(i));
                    cs.endText();
                }
                cs.restoreGraphicsState();
            }
            cs.restoreGraphicsState();
        }
    }

    /** One anchor at the placement, or a grid covering the page (turned marks reach past its corners). */
    private static List<double[]> anchors(DisplaySpace space, TextMark mark, double blockWidth, double blockHeight) {
        if (!mark.tiled()) {
            return List.<double[]>of(new double[] {mark.placement().anchorX(space.width(), mark.margin()) + mark.x(),
                    mark.placement().anchorY(space.height(), mark.margin()) + mark.y()});
        }
        double stepX = blockWidth + mark.size() * 2;
        double stepY = blockHeight + mark.size() * 3;
        double reach = Math.max(blockWidth, blockHeight);
        double copies = (space.width() + 2 * reach) / stepX * ((space.height() + 2 * reach) / stepY);
        if (copies > MAX_TILES) {
            throw TextMark.invalid(String.format(java.util.Locale.ROOT,
                    "tiled: %.0f copies of so small a text would cover each page; at most %d", copies, MAX_TILES));
        }
        List<double[]> out = new ArrayList<>();
        int row = 0;
        for (double y = -reach; y <= space.height() + reach; y += stepY, row++) {
            for (double x = -reach + (row % 2) * stepX / 2; x <= space.width() + reach; x += stepX) {
                out.add(new double[] {x, y});
            }
        }
        return out;
    }

    private static float width(PDFont font, String line, float size) throws IOException {
        try {
            return font.getStringWidth(line) / 1000 * size;
        } catch (IllegalArgumentException missingGlyph) {
            throw TextMark.invalid("text: '" + line + "' has characters the " + font.getName()
                    + " font cannot write (" + missingGlyph.getMessage() + ")");
        }
    }

    /** The font's ascent as a share of its size, for placing the first line: accents stay inside the margin. */
    private static double ascentRatio(PDFont font) {
        var descriptor = font.getFontDescriptor();
        float ascent = descriptor == null ? 0 : descriptor.getAscent();
        return ascent > 0 ? ascent / 1000 : 0.8;
    }
}
