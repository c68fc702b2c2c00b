package io.kiln.engine.html.chromium;

import com.ruiyun.jvppeteer.api.core.Browser;
import com.ruiyun.jvppeteer.api.core.BrowserContext;
import com.ruiyun.jvppeteer.api.core.Page;
import com.ruiyun.jvppeteer.cdp.core.Puppeteer;
import com.ruiyun.jvppeteer.cdp.entities.LaunchOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * One running browser with its own egress proxy and its own profile directory. It prints one page
 * at a time, each in a fresh browser context (an incognito-like profile: no cookies, cache or
 * storage shared with any other render). The next context and page are made in the background while
 * the browser waits for work, because a new context costs a renderer process start. A restart never
 * reuses an instance: the pool kills this one and starts a new one for the slot.
 */
final class BrowserProcess {

    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final int slot;
    private final Path profileDir;
    private final EgressProxy proxy;
    private final Browser browser;
    private final Process process;
    private final int devtoolsPort;
    private CompletableFuture<Page> spare;
    private int renders;

    private BrowserProcess(int slot, Path profileDir, EgressProxy proxy, Browser browser) {
        this.slot = slot;
        this.profileDir = profileDir;
        this.proxy = proxy;
        this.browser = browser;
        this.process = browser.process();
        this.devtoolsPort = URI.create(browser.wsEndpoint()).getPort();
        proxy.rules().reserve(devtoolsPort);
        this.spare = CompletableFuture.supplyAsync(this::newPage, BrowserProcess::inVirtualThread);
    }

    /** Starts a browser whose traffic all goes through a new proxy applying {@code rules}. */
    static BrowserProcess start(int slot, Path executable, Path profileDir, EgressRules rules) throws IOException {
        deleteTree(profileDir);
        Files.createDirectories(profileDir);
        EgressProxy proxy = new EgressProxy(rules);
        try {
            LaunchOptions options = LaunchOptions.builder()
                    .executablePath(executable.toString())
                    .ignoreAllDefaultArgs(true)
                    .args(LaunchFlags.forBrowser(proxy.port(), profileDir, LaunchFlags.runningAsRoot()))
                    .userDataDir(profileDir.toString())
                    .timeout((int) START_TIMEOUT.toMillis())
                    .build();
            return new BrowserProcess(slot, profileDir, proxy, Puppeteer.launch(options));
        } catch (IOException | RuntimeException e) {
            proxy.close();
            processesOf(profileDir).forEach(ProcessHandle::destroyForcibly);
            throw e instanceof IOException io ? io : new IOException("Chromium did not start: " + e.getMessage(), e);
        }
    }

    /** A blank page in a context of its own, made in advance when possible. */
    Page freshPage() throws InterruptedException {
        CompletableFuture<Page> ready = spare;
        spare = null;
        if (ready != null) {
            try {
                return ready.get();
            } catch (ExecutionException failed) {
                // make one now; a browser that cannot is found out by the caller
            }
        }
        return newPage();
    }

    /** Closes {@code page}'s context and prepares the next page, both in the background and side by side. */
    void discard(Page page) {
        inVirtualThread(() -> closeQuietly(page.browserContext()));
        spare = CompletableFuture.supplyAsync(this::newPage, BrowserProcess::inVirtualThread);
    }

    private Page newPage() {
        BrowserContext context = browser.createBrowserContext();
        return context.newPage();
    }

    EgressProxy proxy() {
        return proxy;
    }

    /** Counts a finished render and says whether the browser has printed its allowance. */
    boolean countRender(int maxRenders) {
        return ++renders >= maxRenders;
    }

    boolean isAlive() {
        return process.isAlive() && browser.connected();
    }

    int slot() {
        return slot;
    }

    long pid() {
        return process.pid();
    }

    /** Kills the browser and every process it started, stops its proxy and removes its profile. */
    void kill() {
        List<ProcessHandle> tree = Stream.concat(process.descendants(), processesOf(profileDir)).toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            browser.disconnect();
        } catch (RuntimeException alreadyGone) {
            // the connection died with the process
        }
        proxy.close();
        proxy.rules().release(devtoolsPort);
        deleteTree(profileDir);
    }

    /**
     * Every process whose command line names {@code profileDir}: the browser's children, and its
     * crash handler, which detaches and so is no descendant of this JVM.
     */
    static Stream<ProcessHandle> processesOf(Path profileDir) {
        String marker = profileDir.toAbsolutePath().toString();
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .or(() -> p.info().arguments().map(a -> String.join(" ", a)))
                .map(c -> c.contains(marker)).orElse(false));
    }

    private static void closeQuietly(BrowserContext context) {
        try {
            context.close();
        } catch (RuntimeException e) {
            // a context that cannot close dies with the browser at its restart
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a leftover profile is wiped before the slot's next start
        }
    }

    private static void inVirtualThread(Runnable r) {
        Thread.ofVirtual().name("kiln-chromium-page").start(r);
    }

    @Override
    public String toString() {
        return "browser " + (slot + 1) + " (pid " + process.pid() + ")";
    }
}
