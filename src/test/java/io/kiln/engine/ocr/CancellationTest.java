package io.kiln.engine.ocr;

import static io.kiln.engine.ocr.OcrTasks.assumeInstalled;
import static io.kiln.engine.ocr.OcrTasks.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CancellationTest {

    @TempDir
    Path work;
    Path scan;
    Path out;
    SlowTesseract tesseract;

    @BeforeEach
    void prepare() throws IOException {
        assumeInstalled();
        Path vector = TestDocuments.vectorPdf(work.resolve("vector.pdf"), KnownText.PARAGRAPHS);
        scan = TestDocuments.scannedPdf(vector, work.resolve("scan.pdf"));
        out = Files.createDirectory(work.resolve("out"));
        tesseract = SlowTesseract.in(work, 60);
    }

    @Test
    void interruptingTheTaskKillsItsRunsAndLeavesNothing() throws Exception {
        OcrConverter converter = new OcrConverter(tesseract.installation(), 2);
        OcrTasks.BackgroundTask running = OcrTasks.inBackground(converter, task("pdf", "ocr", scan, Map.of(), out));
        await().atMost(Duration.ofSeconds(30)).until(() -> tesseract.processesNoted() == 4);

        running.worker().interrupt();

        assertThat(running.outcome().get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(tesseract.processesNoted()).as("scripts and their sleeps").isEqualTo(4);
        // a killed child is a zombie until init reaps it
        await().atMost(Duration.ofSeconds(10)).until(() -> tesseract.leftOver().isEmpty());
        assertThat(entries(out)).as("scratch files removed, no output").isZero();
    }

    @Test
    void aTaskOverItsTimeLimitFailsWithTimeoutAndLeavesNothing() throws IOException {
        OcrConverter converter = new OcrConverter(tesseract.installation(), 2);
        long start = System.nanoTime();

        assertThatThrownBy(() -> converter.convert(task("pdf", "ocr-txt", scan, Map.of(), out, Duration.ofSeconds(2),
                OcrTasks.MAX_PAGES)))
                .isInstanceOfSatisfying(ConversionFailed.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
                    assertThat(e.getMessage()).contains("2 s");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(tesseract.processesNoted()).isGreaterThanOrEqualTo(2);
        // a killed child is a zombie until init reaps it
        await().atMost(Duration.ofSeconds(10)).until(() -> tesseract.leftOver().isEmpty());
        assertThat(entries(out)).isZero();
    }

    private static long entries(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.count();
        }
    }
}
