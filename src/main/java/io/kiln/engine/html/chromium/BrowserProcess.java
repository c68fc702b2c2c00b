package io.kiln.engine.html.chromium;

import com.ruiyun.jvppeteer.api.core.Browser;
import com.ruiyun.jvppeteer.api.core.CDPSession;
import com.ruiyun.jvppeteer.api.core.Target;
import com.ruiyun.jvppeteer.api.events.BrowserEvents;
import com.ruiyun.jvppeteer.cdp.core.CdpTarget;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One running browser with its own egress proxy and its own profile directory. It prints one page
 * at a time. A render gets a fresh browser context (an incognito-like profile: its own cookies,
 * cache and storage, and its own renderer process) unless the browser's previous render was the
 * same owner's: then it reuses that page, cookies and storage of the document's origin cleared,
 * which saves a renderer process start and the warming of its fonts and caches (the corpus printed
 * in about half the time). Two owners never share a context. The next fresh page is made in the
 * background while a render runs. A restart never reuses an instance: the pool kills this one and
 * starts a new one for the slot.
 */
final class BrowserProcess {

    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLEAN_TIMEOUT = Duration.ofSeconds(10);

    private final int slot;
    private final Path profileDir;
    private final EgressProxy proxy;
    private final Browser browser;
    private final Process process;
    private final int devtoolsPort;
    /** The page the next render gets, made in advance; each render takes it and orders the next at once. */
    private CompletableFuture<Page> spare;
    private int renders;
    private CDPSession browserSession;
    /** The last render's page, kept for its owner's next render; null when it was discarded. */
    private Page kept;
    private String keptFor;
    private CompletableFuture<Void> cleaning = CompletableFuture.completedFuture(null);

    private BrowserProcess(int slot, Path profileDir, EgressProxy proxy, Browser browser) {
        this.slot = slot;
        this.profileDir = profileDir;
        this.proxy = proxy;
        this.browser = browser;
        this.process = browser.process();
        this.devtoolsPort = URI.create(browser.wsEndpoint()).getPort();
        proxy.rules().reserve(devtoolsPort);
        orderSpare();
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
                    .args(LaunchFlags.forBrowser(executable, proxy.port(), profileDir, LaunchFlags.runningAsRoot()))
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

    /**
     * The page for a render of {@code owner}'s: the previous render's when it was the same (non-empty)
     * owner's, else a fresh one in a context of its own (the kept page's context is closed).
     */
    Page pageFor(String owner) throws InterruptedException {
        Page previous = kept;
        kept = null;
        if (previous != null && !owner.isEmpty() && owner.equals(keptFor) && cleaned()) {
            try {
                scripts(previous, true);
                return previous;
            } catch (RuntimeException unusable) {
                // a fresh page instead
            }
        }
        if (previous != null) {
            discard(previous);
        }
        return freshPage();
    }

    /**
     * After a render: a page that printed cleanly is kept for its owner's next render, cleaned in the
     * background while the caller stores the result (the next render waits for it): its scripts
     * stopped, so nothing of its document runs on between renders ({@link #scripts}), its
     * {@code window.name}, the context's cookies and {@code origin}'s storage cleared, so that render
     * starts as a fresh one would (the HTTP cache stays: it holds only what this owner fetched). Any
     * other page is discarded.
     */
    void finished(Page page, String owner, String origin, boolean cleanly) {
        if (!cleanly || owner.isEmpty()) {
            discard(page);
            return;
        }
        kept = page;
        keptFor = owner;
        cleaning = CompletableFuture.runAsync(() -> clean(page, origin), BrowserProcess::inVirtualThread);
    }

    private static void clean(Page page, String origin) {
        CDPSession client = Cdp.session(page);
        // a tab keeps its window.name across same-site navigations
        client.send("Runtime.evaluate", Cdp.params("expression", "window.name = ''"));
        scripts(page, false);
        client.send("Network.clearBrowserCookies");
        if (origin != null) { // on the page's session: its context's storage
            client.send("Storage.clearDataForOrigin", Cdp.params("origin", origin, "storageTypes", "all"));
        }
    }

    /**
     * Lets the page's scripts run, or stops them: a kept page's document stays loaded until the next
     * render navigates away, its timers and handlers frozen (cheaper than loading an empty page: the
     * corpus printed 12–20 % faster).
     */
    static void scripts(Page page, boolean run) {
        Cdp.session(page).send("Emulation.setScriptExecutionDisabled", Cdp.params("value", !run));
    }

    /** Whether the kept page's cleaning after its last render succeeded (waiting for it to end). */
    private boolean cleaned() throws InterruptedException {
        try {
            cleaning.get(CLEAN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    /** A blank page in a context of its own, made in advance when possible. */
    Page freshPage() throws InterruptedException {
        CompletableFuture<Page> ready = spare;
        orderSpare(); // made while this render runs
        if (ready != null) {
            try {
                return ready.get();
            } catch (ExecutionException failed) {
                // make one now; a browser that cannot is found out by the caller
            }
        }
        return newPage();
    }

    /** Closes {@code page}'s context in the background. */
    void discard(Page page) {
        inVirtualThread(() -> closeQuietly(page.browserContext()));
    }

    private void orderSpare() {
        spare = CompletableFuture.supplyAsync(this::newPage, BrowserProcess::inVirtualThread);
    }

    /**
     * A blank page in a new browser context. Its target is made with {@code Target.createTarget} and
     * found by jvppeteer's target-created event, because {@code BrowserContext.newPage} finds it by
     * polling with a doubling interval (100, 200, 400 ms …), a few hundred ms of nothing per page.
     */
    private Page newPage() {
        BrowserContext context = browser.createBrowserContext();
        Map<String, Target> created = new ConcurrentHashMap<>();
        CompletableFuture<Target> mine = new CompletableFuture<>();
        AtomicReference<String> wanted = new AtomicReference<>();
        Consumer<Target> onCreated = t -> {
            if (t instanceof CdpTarget target) {
                created.put(target.getTargetId(), t);
                if (target.getTargetId().equals(wanted.get())) {
                    mine.complete(t);
                }
            }
        };
        browser.on(BrowserEvents.TargetCreated, onCreated);
        try {
            String id = browserSession().send("Target.createTarget",
                    Cdp.params("url", "about:blank", "browserContextId", context.id())).path("targetId").asText();
            wanted.set(id);
            Optional.ofNullable(created.get(id)).ifPresent(mine::complete);
            Page page = mine.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).page();
            if (page == null) {
                throw new IllegalStateException("Chromium made target " + id + " but no page for it");
            }
            return page;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making a page", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Chromium did not make a page in time", e);
        } finally {
            browser.off(BrowserEvents.TargetCreated, onCreated);
        }
    }

    private synchronized CDPSession browserSession() {
        if (browserSession == null) {
            browserSession = browser.target().createCDPSession();
        }
        return browserSession;
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
