package io.kiln.engine.pdf;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.PageRanges;
import io.kiln.engine.PageRanges.Range;
import io.kiln.engine.ProducedFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.multipdf.Splitter;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * {@code pdf → split}: one pdf per page, or one per comma-separated range of the {@code pages}
 * option ({@code 1-2,3,5-}), named {@code <baseName>-<n>.pdf} in order.
 */
final class PdfSplit implements PdfOperation {

    @Override
    public List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException {
        OutputFiles files = new OutputFiles(task);
        List<ProducedFile> outputs = new ArrayList<>();
        try (PDDocument doc = PdfLoader.open(task.input(), task)) {
            Splitter splitter = new Splitter();
            splitter.setStreamCacheCreateFunction(IOUtils.createTempFileOnlyStreamCache());
            for (Range range : ranges(task, doc.getNumberOfPages())) {
                Cancellation.check();
                // one range per call, each part saved and closed before the next is built
                splitter.setStartPage(range.first());
                splitter.setEndPage(range.last());
                splitter.setSplitAtPage(range.last() - range.first() + 1);
                try (PDDocument part = splitter.split(doc).getFirst()) {
                    outputs.add(files.savePdf(part, files.name(String.valueOf(outputs.size() + 1), "pdf")));
                }
            }
        }
        return outputs;
    }

    private static List<Range> ranges(ConversionTask task, int pageCount) {
        return task.options().pages()
                .map(spec -> PageRanges.resolve(spec, pageCount))
                .orElseGet(() -> new Range(1, pageCount).pages().stream().map(p -> new Range(p, p)).toList());
    }
}
