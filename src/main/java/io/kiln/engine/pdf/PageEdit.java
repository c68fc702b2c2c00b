package io.kiln.engine.pdf;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.PageRanges;
import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * {@code pdf → remove-pages}, {@code extract-pages} and {@code reorder}: one document's pages, named
 * by the {@code pages} option, taken out, kept, or put in a new order. Whatever the catalog holds
 * (forms, outline, metadata) stays with the pages that remain ({@link PageSelection}).
 */
final class PageEdit implements PdfOperation {

    /** The edits, each with the word its error messages use. */
    enum Kind {
        REMOVE("remove"), EXTRACT("keep"), REORDER("put in order");

        private final String verb;

        Kind(String verb) {
            this.verb = verb;
        }
    }

    private final Kind kind;

    PageEdit(Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException {
        String spec = task.options().pages().orElseThrow(() -> new ConversionFailed(ErrorCode.INVALID_OPTION,
                "pages: say which pages to " + kind.verb + ", e.g. 2,4-6"));
        OutputFiles files = new OutputFiles(task);
        try (PDDocument doc = PdfLoader.open(task.input(), task)) {
            int count = doc.getNumberOfPages();
            List<Integer> named = PageRanges.select(java.util.Optional.of(spec), count);
            PageSelection.apply(doc, switch (kind) {
                case REMOVE -> remaining(named, count);
                case EXTRACT -> named;
                case REORDER -> permutation(named, count);
            });
            Cancellation.check();
            return List.of(files.savePdf(doc, files.name(null, "pdf")));
        }
    }

    private static List<Integer> remaining(List<Integer> removed, int count) {
        Set<Integer> gone = Set.copyOf(removed);
        List<Integer> kept = IntStream.rangeClosed(1, count).filter(p -> !gone.contains(p)).boxed().toList();
        if (kept.isEmpty()) {
            throw new ConversionFailed(ErrorCode.INVALID_OPTION, "pages: removing all " + count
                    + " page(s) would leave an empty document");
        }
        return kept;
    }

    /** The new order, which must name every page exactly once. */
    private static List<Integer> permutation(List<Integer> order, int count) {
        Set<Integer> missing = new TreeSet<>(IntStream.rangeClosed(1, count).boxed().toList());
        Set<Integer> repeated = new TreeSet<>();
        for (int p : order) {
            if (!missing.remove(p)) {
                repeated.add(p);
            }
        }
        if (!missing.isEmpty() || !repeated.isEmpty()) {
            throw new ConversionFailed(ErrorCode.INVALID_OPTION, String.format(Locale.ROOT,
                    "pages: a new order names each of the %d page(s) once%s%s", count,
                    missing.isEmpty() ? "" : "; missing " + missing, repeated.isEmpty() ? "" : "; repeated " + repeated));
        }
        return order;
    }
}
