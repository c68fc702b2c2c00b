package io.kiln.engine.html.chromium;

import static io.kiln.engine.html.chromium.Browsers.document;
import static io.kiln.engine.html.chromium.Browsers.page;
import static io.kiln.engine.html.chromium.Browsers.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kiln.fetch.AddressPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which Chromium program Kiln runs, and that both Debian programs print. */
class ProgramTest {

    /** Debian's programs; /usr/bin has scripts that run them. */
    private static final Path SHELL = Path.of("/usr/lib/chromium/chromium-headless-shell");
    private static final Path FULL_BROWSER = Path.of("/usr/lib/chromium/chromium");

    @TempDir
    Path dir;

    @Test
    void theHeadlessShellIsPreferredAndKnownByItsName() {
        assumeTrue(Files.isExecutable(SHELL), "chromium-headless-shell is not installed");
        assertThat(ChromiumInstallation.find()).contains(SHELL);
        assertThat(ChromiumInstallation.isHeadlessShell(SHELL)).isTrue();
        assertThat(ChromiumInstallation.isHeadlessShell(FULL_BROWSER)).isFalse();
    }

    @Test
    void theFullBrowserPrintsInItsHeadlessModeWhereTheShellIsAbsent() throws Exception {
        assumeTrue(Files.isExecutable(FULL_BROWSER), "Debian's chromium is not installed");
        ChromiumSettings settings = ChromiumSettings.defaults(FULL_BROWSER, dir.resolve("data")).withBrowsers(1)
                .withAcquireTimeout(Duration.ofSeconds(90));
        try (ChromiumRenderer renderer = ChromiumRenderer.start(settings, AddressPolicy.STRICT)) {
            Path pdf = dir.resolve("full.pdf");
            renderer.render(document(page(dir, "full.html", "<h1>Printed by the full browser</h1>")), pdf);
            assertThat(text(pdf)).contains("Printed by the full browser");
        }
    }
}
