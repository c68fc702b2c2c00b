package io.kiln.engine.pdf;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.PageRanges;
import io.kiln.engine.ProducedFile;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

/**
 * {@code pdf → redact}: removes text found by {@code text} (literals) or {@code regex}, and whatever
 * lies in the {@code areas}, from the chosen pages — from the content itself, not only from sight:
 * glyphs are taken out of the content streams ({@link ContentRedaction}), image pixels under a box
 * are painted over ({@link ImagePainting}), annotations over a box or naming a match are removed.
 * Then each box is filled with {@code color}. The rest of the page keeps its text and its place.
 *
 * <p>Two steps, as reviewers work and as pdfRest's preview/applied pair does: with {@code preview}
 * nothing is removed and each box becomes a redaction mark ({@link RedactionMarks}: a {@code /Redact}
 * annotation, ISO 32000 12.5.6.23) for a person to check; a later {@code redact} applies the marks
 * it finds ({@code marks}, default true) with whatever else it is asked, and the marks go with what
 * they covered.
 */
final class Redaction implements PdfOperation {

    /** Matches and areas on one page: each glyph is tested against each box, so they bound the work. */
    static final int MAX_BOXES = 5_000;

    @Override
    public List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException {
        RedactionRequest request = RedactionRequest.of(task.options());
        OutputFiles files = new OutputFiles(task);
        try (PDDocument doc = PdfLoader.open(task.input(), task)) {
            int count = doc.getNumberOfPages();
            checkAreaPages(request, count);
            if (request.patterns().isEmpty() && request.areas().isEmpty() && !RedactionMarks.any(doc)) {
                throw RedactionRequest.invalid(RedactionRequest.NOTHING_TO_REDACT + " (the document has no redaction marks to apply)");
            }
            TextMatches finder = request.patterns().isEmpty() ? null : new TextMatches(request.patterns());
            Set<Integer> chosen = new TreeSet<>(PageRanges.select(task.options().pages(), count));
            // an area that names its page is an explicit request: that page is redacted even outside pages
            Set<Integer> pages = new TreeSet<>(chosen);
            request.areas().forEach(a -> a.page().ifPresent(pages::add));
            if (request.marks()) {
                pages.addAll(RedactionMarks.pages(doc)); // a mark is an explicit request, as an area with a page
            }
            for (int p : pages) {
                Cancellation.check();
                redact(doc, p, chosen.contains(p) ? finder : null, chosen.contains(p), request);
            }
            return List.of(files.savePdf(doc, files.name(null, "pdf")));
        }
    }

    /** One page: {@code chosen} when the pages option names it (text is searched, page-less areas apply). */
    private static void redact(PDDocument doc, int p, TextMatches finder, boolean chosen, RedactionRequest request)
            throws IOException, InterruptedException {
        PDPage page = doc.getPage(p - 1);
        PageRedactions found = finder == null ? new PageRedactions(Set.of(), List.of(), List.of()) : find(finder, doc, p);
        List<Rectangle2D> areas = new ArrayList<>();
        request.areas().stream().filter(a -> a.page().isPresent() ? a.page().getAsInt() == p : chosen).forEach(a -> areas.add(a.onPage(page)));
        List<Rectangle2D> matchBoxes = new ArrayList<>(found.matchBoxes());
        if (request.marks()) {
            matchBoxes.addAll(RedactionMarks.take(page)); // glyph-tight, as previews make them: judged as matches are
        }
        PageRedactions plan = new PageRedactions(found.matched(), matchBoxes, areas);
        if (plan.boxes().size() > MAX_BOXES) {
            throw RedactionRequest.invalid("page " + p + " has more than " + MAX_BOXES
                    + " matches and areas; narrow the text or regex");
        }
        if (plan.isEmpty()) {
            return;
        }
        if (request.preview()) {
            RedactionMarks.add(doc, page, plan.boxes(), request.color());
            return;
        }
        new ContentRedaction(doc, plan, request.color()).rewrite(page);
        AnnotationRemoval.apply(page, plan, finder);
        if (request.boxes()) {
            fill(doc, page, plan.boxes(), request.color());
        }
    }

    private static PageRedactions find(TextMatches finder, PDDocument doc, int p) throws IOException, InterruptedException {
        try {
            return finder.find(doc, p);
        } catch (BoundedText.TooCostly e) {
            throw RedactionRequest.invalid("regex: too costly to match on page " + p
                    + " (it backtracks without end); write it more simply");
        } catch (BoundedText.Cancelled e) {
            throw new InterruptedException("conversion cancelled");
        }
    }

    private static void checkAreaPages(RedactionRequest request, int count) {
        for (RedactionArea a : request.areas()) {
            if (a.page().isPresent() && a.page().getAsInt() > count) {
                throw RedactionRequest.invalid("areas: page " + a.page().getAsInt() + " is past the last page (" + count + ")");
            }
        }
    }

    /** The boxes, filled, over everything else on the page (its content is wrapped in q/Q first). */
    private static void fill(PDDocument doc, PDPage page, List<Rectangle2D> boxes, Color color) throws IOException {
        if (boxes.isEmpty()) {
            return;
        }
        try (PDPageContentStream cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
            cs.setNonStrokingColor(color);
            for (Rectangle2D box : boxes) {
                cs.addRect((float) box.getX(), (float) box.getY(), (float) box.getWidth(), (float) box.getHeight());
            }
            cs.fill();
        }
    }
}
