package io.kiln.engine.pdf;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.PageRanges;
import io.kiln.engine.ProducedFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.util.Matrix;

/**
 * {@code pdf → watermark} and {@code stamp} with a picture: the task's second input (or the one the
 * {@code image} option names), a PNG, a JPEG or a PDF's first page, drawn on the chosen pages. It is
 * embedded once and each page refers to it.
 */
final class ImageMarking implements PdfOperation {

    /** The two operations that take an image: their text's defaults, and the share of the page an image fits in. */
    enum Kind {
        WATERMARK(TextMarking.Kind.WATERMARK, 0.5),
        STAMP(TextMarking.Kind.STAMP, 0.2);

        final TextMarking.Kind text;
        final double share;

        Kind(TextMarking.Kind text, double share) {
            this.text = text;
            this.share = share;
        }

        static Kind of(TextMarking.Kind text) {
            return text == TextMarking.Kind.WATERMARK ? WATERMARK : STAMP;
        }
    }

    /** Copies of a tiled image on one page: more is a bomb, not a watermark. */
    private static final int MAX_TILES = 2_000;
    /** Space between tiles, as a share of the image's size. */
    private static final double TILE_GAP = 0.5;

    private final Kind kind;

    ImageMarking(Kind kind) {
        this.kind = kind;
    }

    /** Whether the task brings an image to draw: a second input. */
    static boolean hasImage(ConversionTask task) {
        return task.inputs().size() > 1;
    }

    @Override
    public List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException {
        var options = task.options();
        if (options.string("text").isPresent()) {
            throw TextMark.invalid("text: send either text or an image, not both");
        }
        ImageMark mark = ImageMark.of(options, kind.text.defaults);
        int which = imageIndex(task);
        OutputFiles files = new OutputFiles(task);
        try (PDDocument doc = PdfLoader.open(task.input(), task);
             MarkPicture image = MarkPicture.load(doc, task.inputs().get(which), task.inputNames().get(which), task)) {
            PDExtendedGraphicsState alpha = new PDExtendedGraphicsState();
            alpha.setNonStrokingAlphaConstant(mark.opacity());
            alpha.setStrokingAlphaConstant(mark.opacity());
            int count = doc.getNumberOfPages();
            for (int page : new TreeSet<>(PageRanges.select(options.pages(), count))) {
                Cancellation.check();
                draw(doc, doc.getPage(page - 1), image, alpha, mark);
            }
            return List.of(files.savePdf(doc, files.name(null, "pdf")));
        }
    }

    /** The input holding the image: the one {@code image} names, else the second. */
    private static int imageIndex(ConversionTask task) {
        var named = task.options().string("image");
        if (named.isEmpty()) {
            if (task.inputs().size() > 2) {
                throw TextMark.invalid("image: name the file to draw among the " + (task.inputs().size() - 1)
                        + " sent with the document");
            }
            return 1;
        }
        int at = task.inputNames().subList(1, task.inputNames().size()).indexOf(named.get());
        if (at < 0) {
            throw TextMark.invalid("image: no file named '" + named.get() + "' was sent with the document");
        }
        return at + 1;
    }

    private void draw(PDDocument doc, PDPage page, MarkPicture image, PDExtendedGraphicsState alpha,
                      ImageMark mark) throws IOException {
        DisplaySpace space = DisplaySpace.of(page);
        double[] size = mark.size(image.aspect(), space.width(), space.height(), kind.share);
        var mode = mark.under() ? PDPageContentStream.AppendMode.PREPEND : PDPageContentStream.AppendMode.APPEND;
        try (PDPageContentStream cs = new PDPageContentStream(doc, page, mode, true, !mark.under())) {
            cs.saveGraphicsState();
            cs.transform(space.toUser());
            cs.setGraphicsStateParameters(alpha);
            for (double[] centre : centres(space, mark, size)) {
                cs.saveGraphicsState();
                // turned about the image's own centre, so an image in a corner turns where it stands
                cs.transform(Matrix.getTranslateInstance((float) centre[0], (float) centre[1]));
                cs.transform(Matrix.getRotateInstance(Math.toRadians(mark.rotation()), 0, 0));
                image.draw(cs, size[0], size[1]);
                cs.restoreGraphicsState();
            }
            cs.restoreGraphicsState();
        }
    }

    /** The centre of the one image at its placement, or of each in a grid covering the page. */
    private static List<double[]> centres(DisplaySpace space, ImageMark mark, double[] size) {
        if (!mark.tiled()) {
            Placement p = mark.placement();
            return List.<double[]>of(new double[] {
                p.anchorX(space.width(), mark.margin()) + (0.5 - p.alignX) * size[0] + mark.x(),
                p.anchorY(space.height(), mark.margin()) + (0.5 - p.alignY) * size[1] + mark.y()});
        }
        double stepX = size[0] * (1 + TILE_GAP);
        double stepY = size[1] * (1 + TILE_GAP);
        double copies = (space.width() / stepX + 1) * (space.height() / stepY + 1);
        if (copies > MAX_TILES) {
            throw TextMark.invalid(String.format(Locale.ROOT,
                    "tiled: %.0f copies of so small an image would cover each page; at most %d", copies, MAX_TILES));
        }
        List<double[]> out = new ArrayList<>();
        for (double y = stepY / 2 + mark.y(); y - size[1] / 2 < space.height(); y += stepY) {
            for (double x = stepX / 2 + mark.x(); x - size[0] / 2 < space.width(); x += stepX) {
                out.add(new double[] {x, y});
            }
        }
        return out;
    }
}
