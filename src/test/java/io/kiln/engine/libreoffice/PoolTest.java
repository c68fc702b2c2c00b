package io.kiln.engine.libreoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kiln.engine.Availability;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One process, a one-second queue and two tasks per process: backpressure and recycling. */
class PoolTest {

    private static final long MEMORY_LIMIT = 3L << 30;
    private static LibreOfficePool pool;
    private static LibreOfficeConverter converter;

    @TempDir
    static Path shared;

    @BeforeAll
    static void start() {
        LibreOfficeSettings settings = LibreOfficeSettings.defaults(shared.resolve("data")).withProcesses(1)
                .withQueueTimeout(Duration.ofSeconds(1)).withMaxTasksPerProcess(2).withMemoryLimit(MEMORY_LIMIT);
        pool = new LibreOfficePool(settings);
        converter = new LibreOfficeConverter(pool);
    }

    @AfterAll
    static void stop() {
        pool.close();
        assertThat(pool.availability().state()).isEqualTo(Availability.State.UNAVAILABLE);
    }

    private static void awaitReady() {
        await().atMost(Duration.ofMinutes(2)).until(() -> pool.availability().isReady() && pool.busyProcesses().isEmpty());
    }

    @Test
    void everyOfficeProcessRunsUnderItsAddressSpaceBoundAndStillConverts() throws Exception {
        awaitReady();
        OfficeProcess process = pool.processes().getFirst();
        Path limits = Path.of("/proc", Long.toString(process.pid().orElseThrow()), "limits");

        String addressSpace = Files.readAllLines(limits).stream().filter(l -> l.startsWith("Max address space"))
                .findFirst().orElseThrow();

        assertThat(addressSpace.split("\\s{2,}")).as(addressSpace)
                .contains(Long.toString(MEMORY_LIMIT), Long.toString(MEMORY_LIMIT));
        var pdf = converter.convert(OfficeTasks.task(Corpus.file("docx/2pic.docx"), "pdf", Map.of()));
        assertThat(OfficeTasks.pdfPages(pdf.getFirst())).isPositive();
    }

    @Test
    void aProcessIsReplacedAfterItsAllowanceOfTasks() throws Exception {
        awaitReady();
        long before = pool.restarts().get(RestartReason.MAX_TASKS);
        OfficeProcess first = pool.processes().getFirst();

        for (int i = 0; i < 2; i++) {
            awaitReady(); // with a one-second queue, wait out a replacement rather than answer queue_full
            converter.convert(OfficeTasks.task(Corpus.file("docx/TestTableColumns.docx"), "pdf", Map.of()));
        }

        assertThat(pool.restarts().get(RestartReason.MAX_TASKS)).isEqualTo(before + 1);
        awaitReady();
        assertThat(pool.processes()).hasSize(1).doesNotContain(first);
    }

    @Test
    void whenEveryProcessIsBusyTheQueueTimeoutAnswersQueueFull() throws Exception {
        awaitReady();
        CompletableFuture<Void> busy = CompletableFuture.runAsync(() -> {
            try {
                converter.convert(OfficeTasks.task(Corpus.file("docx/bug65649.docx"), "pdf", Map.of()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> !pool.busyProcesses().isEmpty());
        long started = System.nanoTime();

        assertThatThrownBy(() -> converter.convert(OfficeTasks.task(Corpus.file("docx/TestTableColumns.docx"), "pdf",
                Map.of()))).isInstanceOf(ConversionFailed.class).hasMessageContaining("busy")
                .satisfies(e -> assertThat(((ConversionFailed) e).code()).isEqualTo(ErrorCode.QUEUE_FULL));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
        busy.get(2, TimeUnit.MINUTES);
    }
}
