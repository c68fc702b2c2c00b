package io.kiln.engine.libreoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.testing.Corpus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed, hung or abandoned mid-conversion is replaced, and the pool comes back to full size. */
class FaultsTest {

    /** 180 pages of Russian text: a few seconds of work for LibreOffice. */
    private static final String LONG_DOCUMENT = "docx/bug65649.docx";
    private static final Duration RECOVERY = Duration.ofMinutes(2);

    private static LibreOfficePool pool;
    private static LibreOfficeConverter converter;

    @TempDir
    static Path shared;

    @BeforeAll
    static void start() {
        pool = OfficeTasks.pool(shared.resolve("data"), 2);
        converter = new LibreOfficeConverter(pool);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @BeforeEach
    void poolIsFull() {
        awaitFullPool();
    }

    @Test
    void aProcessKilledMidConversionIsReplacedAndTheConversionTriedAgain() throws Exception {
        long crashes = pool.restarts().get(RestartReason.CRASH);
        CompletableFuture<ProducedFile> outcome = inBackground(OfficeTasks.task(Corpus.file(LONG_DOCUMENT), "pdf", Map.of()));
        OfficeProcess victim = busyProcessAtWork();

        signal("-KILL", victim);

        ProducedFile pdf = outcome.get(3, TimeUnit.MINUTES);
        assertThat(OfficeTasks.pdfPages(pdf)).isGreaterThan(100);
        assertThat(pool.restarts().get(RestartReason.CRASH)).isGreaterThan(crashes);
        awaitFullPool();
        assertThat(pool.processes()).doesNotContain(victim);
    }

    @Test
    void aHungProcessTimesOutWithinTheLimitIsKilledAndReplaced() throws Exception {
        long timeouts = pool.restarts().get(RestartReason.TIMEOUT);
        Duration limit = Duration.ofSeconds(5);
        long started = System.nanoTime();
        CompletableFuture<ProducedFile> outcome = inBackground(
                OfficeTasks.task(Corpus.file(LONG_DOCUMENT), "docx", "pdf", Map.of(), limit));
        OfficeProcess victim = busyProcessAtWork();
        long pid = victim.pid().orElseThrow();

        signal("-STOP", victim);

        assertThatThrownBy(() -> outcome.get(1, TimeUnit.MINUTES)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ConversionFailed.class)
                .satisfies(e -> assertThat(((ConversionFailed) e).code()).isEqualTo(ErrorCode.TIMEOUT))
                .hasMessageContaining("limit of 5 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(limit.plusSeconds(3));
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        assertThat(pool.restarts().get(RestartReason.TIMEOUT)).isGreaterThan(timeouts);
        awaitFullPool();

        ProducedFile later = converter.convert(OfficeTasks.task(Corpus.file("docx/TestTableColumns.docx"), "pdf",
                Map.of())).getFirst();
        assertThat(OfficeTasks.pdfPages(later)).isPositive();
    }

    @Test
    void aCancelledConversionEndsAtOnceAndItsProcessIsReplaced() throws Exception {
        long cancels = pool.restarts().get(RestartReason.CANCELLED);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        ConversionTask task = OfficeTasks.task(Corpus.file(LONG_DOCUMENT), "pdf", Map.of());
        Thread worker = Thread.ofPlatform().start(() -> {
            try {
                converter.convert(task);
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        OfficeProcess victim = busyProcessAtWork();

        worker.interrupt();

        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(pool.restarts().get(RestartReason.CANCELLED)).isGreaterThan(cancels);
        awaitFullPool();
        assertThat(pool.processes()).doesNotContain(victim);
    }

    private static CompletableFuture<ProducedFile> inBackground(ConversionTask task) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return converter.convert(task).getFirst();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The process running the conversion, once it has spent a second of CPU on it (mid-way, not loading). */
    private static OfficeProcess busyProcessAtWork() {
        OfficeProcess busy = await().atMost(Duration.ofSeconds(30)).until(
                () -> pool.busyProcesses().stream().findFirst().orElse(null), p -> p != null);
        Duration before = cpu(busy);
        await().atMost(Duration.ofSeconds(30)).until(() -> cpu(busy).minus(before).compareTo(Duration.ofMillis(700)) > 0);
        return busy;
    }

    private static Duration cpu(OfficeProcess p) {
        return ProcessHandle.of(p.pid().orElseThrow()).flatMap(h -> h.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    private static void signal(String signal, OfficeProcess p) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(p.pid().orElseThrow())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    private static void awaitFullPool() {
        await().atMost(RECOVERY).until(() -> pool.readyProcesses() == pool.size() && pool.busyProcesses().isEmpty());
    }
}
