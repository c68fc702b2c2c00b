package io.kiln.engine.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.Options;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.error.KilnException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A page too big for its time limit ends promptly, and so does its render thread; so does a cancelled job. */
class TimeLimitTest {

    @TempDir
    static Path work;
    static Path huge;

    @BeforeAll
    static void aHugePage() throws Exception {
        StringBuilder html = new StringBuilder("<html><body>");
        String row = "<tr><td>cell with some words in it</td><td>and another cell beside it</td></tr>";
        for (int t = 0; t < 200; t++) {
            html.append("<table>").append(row.repeat(200)).append("</table><p>")
                    .append("Lorem ipsum dolor sit amet. ".repeat(50)).append("</p>");
        }
        huge = Files.writeString(work.resolve("huge.html"), html.append("</body></html>"));
    }

    @Test
    void theTimeLimitEndsTheRender() {
        ConversionTask task = task(Duration.ofMillis(300));
        long started = System.nanoTime();
        assertThatThrownBy(() -> HtmlTasks.CONVERTER.convert(task))
                .isInstanceOf(ConversionFailed.class)
                .extracting(e -> ((KilnException) e).code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        await().atMost(Duration.ofSeconds(10)).until(TimeLimitTest::noRenderRunning);
    }

    @Test
    void aCancelledJobStopsWaitingAndTheRenderStops() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            started.countDown();
            try {
                HtmlTasks.CONVERTER.convert(task(Duration.ofMinutes(5)));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        started.await();
        await().atMost(Duration.ofSeconds(10)).until(() -> !noRenderRunning());
        worker.interrupt();
        await().atMost(Duration.ofSeconds(3)).until(() -> !worker.isAlive());
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        await().atMost(Duration.ofSeconds(10)).until(TimeLimitTest::noRenderRunning);
    }

    private static ConversionTask task(Duration timeout) {
        Path out = work.resolve("out-" + System.nanoTime());
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ConversionTask("html", "pdf", List.of(huge), new Options(Map.of()), out, "out", timeout, 100_000);
    }

    /** Whether no render thread is busy (idle ones wait in the pool). */
    private static boolean noRenderRunning() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("kiln-openhtmltopdf-"))
                .noneMatch(t -> t.getState() == Thread.State.RUNNABLE);
    }
}
