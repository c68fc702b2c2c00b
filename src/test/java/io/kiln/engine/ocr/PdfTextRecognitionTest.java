package io.kiln.engine.ocr;

import static io.kiln.engine.ocr.OcrTasks.assumeInstalled;
import static io.kiln.engine.ocr.OcrTasks.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kiln.engine.pdf.PdfConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pdf engine's pdf → txt with ocr runs its pages under the ocr engine's discipline. */
class PdfTextRecognitionTest {

    @TempDir
    Path work;

    @Test
    void pdfToTextPagesShareTheOcrEnginesProcessSlots() throws Exception {
        assumeInstalled();
        Path vector = TestDocuments.vectorPdf(work.resolve("vector.pdf"), KnownText.PARAGRAPHS.subList(0, 2));
        Path scan = TestDocuments.scannedPdf(vector, work.resolve("scan.pdf"));
        SlowTesseract tesseract = SlowTesseract.in(work, 1);
        OcrConverter ocr = new OcrConverter(tesseract.installation(), 2);
        PdfConverter pdf = new PdfConverter(ocr.pageRecognition());

        List<CompletableFuture<String>> tasks = List.of(
                CompletableFuture.supplyAsync(() -> run(() -> Files.readString(pdf.convert(task("pdf", "txt", scan,
                        Map.of("ocr", "auto"), Files.createTempDirectory(work, "a-"))).getFirst().path()))),
                CompletableFuture.supplyAsync(() -> run(() -> Files.readString(ocr.convert(task("pdf", "ocr-txt", scan,
                        Map.of(), Files.createTempDirectory(work, "b-"))).getFirst().path()))));

        String text = tasks.getFirst().get(2, TimeUnit.MINUTES);
        tasks.get(1).get(2, TimeUnit.MINUTES);
        assertThat(WordAccuracy.of(KnownText.PARAGRAPHS.get(1), text)).isGreaterThanOrEqualTo(0.9);
        assertThat(tesseract.started()).isEqualTo(4);
        assertThat(tesseract.mostAtOnce()).as("runs at once, over both engines' tasks").isEqualTo(2);
    }

    @Test
    void interruptingPdfToTextKillsItsRunsAndRemovesItsScratch() throws Exception {
        assumeInstalled();
        Path vector = TestDocuments.vectorPdf(work.resolve("vector.pdf"), KnownText.PARAGRAPHS);
        Path scan = TestDocuments.scannedPdf(vector, work.resolve("scan.pdf"));
        Path out = Files.createDirectory(work.resolve("out"));
        SlowTesseract tesseract = SlowTesseract.in(work, 60);
        PdfConverter pdf = new PdfConverter(new OcrConverter(tesseract.installation(), 2).pageRecognition());
        OcrTasks.BackgroundTask running = OcrTasks.inBackground(pdf, task("pdf", "txt", scan, Map.of("ocr", "always"), out));
        await().atMost(Duration.ofSeconds(30)).until(() -> tesseract.processesNoted() == 4);

        running.worker().interrupt();

        assertThat(running.outcome().get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        // a killed child is a zombie until init reaps it
        await().atMost(Duration.ofSeconds(10)).until(() -> tesseract.leftOver().isEmpty());
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith(".ocr-"))).as("scratch removed").isEmpty();
        }
    }

    private interface Work {
        String call() throws Exception;
    }

    private static String run(Work work) {
        try {
            return work.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
