package io.kiln.engine.html.chromium;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the Chromium renderer runs its browsers. Built once by the configuration and validated here:
 * a bad value fails with a one-line reason.
 *
 * @param executable the Chromium (or Chrome) program
 * @param browsers how many browsers to keep warm; each prints one page at a time
 * @param maxRendersPerBrowser pages a browser prints before it is replaced by a fresh one
 * @param acquireTimeout how long a render waits for a free browser before {@code queue_full}
 * @param workDir where each browser's private profile lives (e.g. {@code <data>/chromium}); wiped per browser
 */
public record ChromiumSettings(Path executable, int browsers, int maxRendersPerBrowser, Duration acquireTimeout,
                               Path workDir) {

    public static final int DEFAULT_MAX_RENDERS_PER_BROWSER = 200;
    public static final Duration DEFAULT_ACQUIRE_TIMEOUT = Duration.ofSeconds(60);
    /** The sub-directory of Kiln's data directory that {@link #defaults} uses. */
    public static final String DEFAULT_WORK_DIR_NAME = "chromium";

    public ChromiumSettings {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(workDir, "workDir");
        require(browsers >= 1, "Chromium browsers must be at least 1, not " + browsers);
        require(maxRendersPerBrowser >= 1, "Chromium max renders per browser must be at least 1, not "
                + maxRendersPerBrowser);
        require(acquireTimeout != null && !acquireTimeout.isNegative(), "Chromium acquire timeout must not be negative");
    }

    /** The defaults for {@code executable}, with profiles under {@code dataDir/chromium}. */
    public static ChromiumSettings defaults(Path executable, Path dataDir) {
        return new ChromiumSettings(executable, defaultBrowsers(), DEFAULT_MAX_RENDERS_PER_BROWSER,
                DEFAULT_ACQUIRE_TIMEOUT, dataDir.resolve(DEFAULT_WORK_DIR_NAME));
    }

    /** The defaults with the Chromium found on this machine, or empty when none is installed. */
    public static Optional<ChromiumSettings> detect(Path dataDir) {
        return ChromiumInstallation.find().map(exe -> defaults(exe, dataDir));
    }

    /** One browser per two cores, at least one: a render keeps a renderer and the browser busy at once. */
    public static int defaultBrowsers() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    public ChromiumSettings withBrowsers(int n) {
        return new ChromiumSettings(executable, n, maxRendersPerBrowser, acquireTimeout, workDir);
    }

    public ChromiumSettings withMaxRendersPerBrowser(int n) {
        return new ChromiumSettings(executable, browsers, n, acquireTimeout, workDir);
    }

    public ChromiumSettings withAcquireTimeout(Duration d) {
        return new ChromiumSettings(executable, browsers, maxRendersPerBrowser, d, workDir);
    }

    private static void require(boolean ok, String reason) {
        if (!ok) {
            throw new IllegalArgumentException(reason);
        }
    }
}
