package io.kiln.engine.ocr;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.Options;
import io.kiln.engine.ProducedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Tasks for the ocr engine, and what the tests read back from its outputs. */
final class OcrTasks {

    static final TesseractInstallation TESSERACT = TesseractInstallation.probe(TesseractInstallation.DEFAULT_PROGRAM);
    static final int PARALLELISM = Math.max(2, Runtime.getRuntime().availableProcessors());
    static final int MAX_PAGES = 100;

    private OcrTasks() {
    }

    /** The engine over the installed tesseract; the test is skipped when there is none. */
    static OcrConverter converter() {
        assumeInstalled();
        return new OcrConverter(TESSERACT, PARALLELISM);
    }

    static void assumeInstalled() {
        assumeTrue(TESSERACT.problem() == null, "tesseract is not installed: " + TESSERACT.problem());
    }

    static ConversionTask task(String from, String to, Path input, Map<String, String> options, Path workDir) {
        return task(from, to, input, options, workDir, Duration.ofMinutes(5), MAX_PAGES);
    }

    static ConversionTask task(String from, String to, Path input, Map<String, String> options, Path workDir,
                               Duration timeout, int maxPages) {
        return new ConversionTask(from, to, List.of(input), new Options(options), workDir, "out", timeout, maxPages);
    }

    /** Runs one task into a fresh directory under {@code work} and returns its only output. */
    static ProducedFile convert(OcrConverter converter, String from, String to, Path input,
                                Map<String, String> options, Path work) throws Exception {
        Path dir = Files.createTempDirectory(work, to + "-");
        List<ProducedFile> out = converter.convert(task(from, to, input, options, dir));
        return out.getFirst();
    }

    /** Starts {@code task} on a thread of its own, to be interrupted; completes with what it threw, or null. */
    static BackgroundTask inBackground(io.kiln.engine.Converter converter, ConversionTask task) {
        java.util.concurrent.CompletableFuture<Throwable> outcome = new java.util.concurrent.CompletableFuture<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            try {
                converter.convert(task);
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        return new BackgroundTask(worker, outcome);
    }

    /** A conversion running on {@code worker}; {@code outcome} is what it threw, or null. */
    record BackgroundTask(Thread worker, java.util.concurrent.CompletableFuture<Throwable> outcome) {
    }

    static String text(ProducedFile pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.path().toFile())) {
            return new PDFTextStripper().getText(doc);
        }
    }

    static String pageText(PDDocument doc, int page) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(doc);
    }
}
