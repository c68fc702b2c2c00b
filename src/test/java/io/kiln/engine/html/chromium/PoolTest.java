package io.kiln.engine.html.chromium;

import static io.kiln.engine.html.chromium.Browsers.page;
import static io.kiln.engine.html.chromium.Browsers.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kiln.engine.Availability;
import io.kiln.engine.html.PrintOptions;
import io.kiln.engine.html.RenderRequest;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.fetch.AddressPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One browser, replaced after two renders, after a crash, and after a wedged render. */
class PoolTest {

    private static ChromiumRenderer renderer;
    private static ChromiumPool pool;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        Path exe = ChromiumInstallation.find().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(exe != null, "Chromium is not installed");
        pool = new ChromiumPool(ChromiumSettings.defaults(exe, shared).withBrowsers(1).withMaxRendersPerBrowser(2)
                .withAcquireTimeout(Duration.ofSeconds(90)), AddressPolicy.STRICT);
        renderer = new ChromiumRenderer(pool);
    }

    @AfterAll
    static void stop() {
        if (renderer != null) {
            renderer.close();
            assertThat(pool.availability().state()).isEqualTo(Availability.State.UNAVAILABLE);
            assertThat(BrowserProcess.processesOf(shared).filter(ProcessHandle::isAlive).count()).isZero();
        }
    }

    private static void awaitReady() {
        await().atMost(Duration.ofMinutes(2)).until(() -> pool.availability().isReady());
    }

    private String renderHello() throws Exception {
        Path pdf = dir.resolve("hello-" + System.nanoTime() + ".pdf");
        renderer.render(Browsers.document(page(dir, "hello.html", "<p>hello pool</p>")), pdf);
        return text(pdf);
    }

    @Test
    void aBrowserIsReplacedAfterItsAllowanceOfRenders() throws Exception {
        awaitReady();
        long before = pool.restarts().get(RestartReason.MAX_RENDERS);
        long firstPid = pool.browsers().getFirst().pid();
        for (int i = 0; i < 2; i++) {
            assertThat(renderHello()).contains("hello pool");
        }
        assertThat(pool.restarts().get(RestartReason.MAX_RENDERS)).isEqualTo(before + 1);
        awaitReady();
        assertThat(pool.browsers().getFirst().pid()).isNotEqualTo(firstPid);
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aKilledBrowserIsReplacedAndTheNextRenderWorks() throws Exception {
        awaitReady();
        long before = pool.restarts().get(RestartReason.CRASH);
        BrowserProcess victim = pool.browsers().getFirst();
        ProcessHandle.of(victim.pid()).ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(10)).until(() -> !victim.isAlive());

        assertThat(renderHello()).contains("hello pool");
        assertThat(pool.restarts().get(RestartReason.CRASH)).isGreaterThan(before);
    }

    @Test
    void aWedgedPageTimesOutAndTheNextRenderWorks() throws Exception {
        awaitReady();
        long before = pool.restarts().get(RestartReason.TIMEOUT);
        // spins while the page loads: a timer that starts the loop later can lose the race to a fast print
        Path html = page(dir, "spin.html", "<p>spin</p><script>while (true) {}</script>");
        long start = System.nanoTime();
        assertThatThrownBy(() -> renderer.render(RenderRequest.document(html, Map.of(), PrintOptions.defaults(),
                Duration.ofSeconds(4)), dir.resolve("spin.pdf")))
                .isInstanceOf(ConversionFailed.class)
                .extracting(e -> ((ConversionFailed) e).code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(pool.restarts().get(RestartReason.TIMEOUT)).isEqualTo(before + 1);

        assertThat(renderHello()).contains("hello pool");
    }

    @Test
    void anInterruptedRenderEndsPromptly() throws Exception {
        awaitReady();
        Path html = page(dir, "never.html", "<p>never</p>");
        PrintOptions waitForever = new PrintOptions(8.27, 11.69, 0.4, 0.4, 0.4, 0.4, false, 1.0, true,
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.of("#never"), Duration.ZERO, PrintOptions.Media.PRINT, Map.of(), false, false);
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                renderer.render(RenderRequest.document(html, Map.of(), waitForever, Duration.ofSeconds(60)),
                        dir.resolve("never.pdf"));
            } catch (InterruptedException expected) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        Thread.sleep(1500);
        long start = System.nanoTime();
        caller.interrupt();
        caller.join(Duration.ofSeconds(5));
        assertThat(caller.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(renderHello()).contains("hello pool");
    }
}
