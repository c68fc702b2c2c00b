package io.kiln.engine.ocr;

import static io.kiln.engine.ocr.OcrTasks.assumeInstalled;
import static io.kiln.engine.ocr.OcrTasks.convert;
import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.engine.ProducedFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelPagesTest {

    @TempDir
    Path work;

    @Test
    void pagesAreReadSideBySideAndComeOutInOrder() throws Exception {
        assumeInstalled();
        Path vector = TestDocuments.vectorPdf(work.resolve("vector.pdf"), KnownText.PARAGRAPHS);
        Path scan = TestDocuments.scannedPdf(vector, work.resolve("scan.pdf"));
        // each run waits a second first, so a run is still going when the next page is ready
        SlowTesseract tesseract = SlowTesseract.in(work, 1);

        ProducedFile out = convert(new OcrConverter(tesseract.installation(), 2), "pdf", "ocr-txt", scan, Map.of(),
                work);

        List<String> pages = TextOutputTest.pages(out);
        assertThat(pages).hasSize(KnownText.PARAGRAPHS.size());
        for (int i = 0; i < pages.size(); i++) {
            assertThat(WordAccuracy.of(KnownText.PARAGRAPHS.get(i), pages.get(i))).as("page " + (i + 1))
                    .isGreaterThanOrEqualTo(0.95);
        }
        assertThat(tesseract.started()).isEqualTo(4);
        assertThat(tesseract.mostAtOnce()).as("runs at once").isEqualTo(2);
    }

    @Test
    void tasksRunningTogetherShareTheEnginesProcesses() throws Exception {
        assumeInstalled();
        Path vector = TestDocuments.vectorPdf(work.resolve("vector.pdf"), KnownText.PARAGRAPHS.subList(0, 2));
        Path scan = TestDocuments.scannedPdf(vector, work.resolve("scan.pdf"));
        SlowTesseract tesseract = SlowTesseract.in(work, 1);
        OcrConverter converter = new OcrConverter(tesseract.installation(), 2);

        List<CompletableFuture<ProducedFile>> tasks = List.of(
                CompletableFuture.supplyAsync(() -> ocrText(converter, scan)),
                CompletableFuture.supplyAsync(() -> ocrText(converter, scan)));

        for (CompletableFuture<ProducedFile> task : tasks) {
            List<String> pages = TextOutputTest.pages(task.get(2, TimeUnit.MINUTES));
            assertThat(WordAccuracy.of(KnownText.PARAGRAPHS.get(1), pages.get(1))).isGreaterThanOrEqualTo(0.95);
        }
        assertThat(tesseract.started()).isEqualTo(4);
        assertThat(tesseract.mostAtOnce()).as("runs at once, over both tasks").isEqualTo(2);
    }

    private ProducedFile ocrText(OcrConverter converter, Path scan) {
        try {
            return convert(converter, "pdf", "ocr-txt", scan, Map.of(), work);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
