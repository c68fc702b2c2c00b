package io.kiln.engine.pdf;

import static io.kiln.engine.pdf.PdfTasks.convert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CancellationTest {

    @TempDir
    Path work;

    @Test
    void anAlreadyInterruptedJobDoesNothing() throws Exception {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> convert(work, "png", Map.of(), "pdf/pdflatex-4-pages.pdf"))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void aJobInterruptedBetweenPagesStopsThere() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            try {
                convert(work, "png", Map.of("dpi", "20"), "pdf/cweb.pdf"); // 28 pages
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (files() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        worker.interrupt();

        assertThat(outcome.get(20, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(files()).isBetween(1L, 27L);
    }

    private long files() throws Exception {
        try (Stream<Path> list = Files.list(work)) {
            return list.count();
        }
    }
}
