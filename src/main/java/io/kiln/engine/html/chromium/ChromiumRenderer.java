package io.kiln.engine.html.chromium;

import io.kiln.error.TimeLimits;
import io.kiln.engine.Availability;
import io.kiln.engine.html.HtmlRenderer;
import io.kiln.engine.html.RenderRequest;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.fetch.AddressPolicy;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints pages with headless Chromium from a {@link ChromiumPool}. The render runs on its own thread
 * so that the caller's time limit and interruption hold even when the browser hangs: then the
 * browser is killed and replaced, and the caller gets {@code timeout} or its InterruptedException.
 */
public final class ChromiumRenderer implements HtmlRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(ChromiumRenderer.class);
    /** How often a render's browser is looked at while the render runs. */
    private static final long ALIVE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final ChromiumPool pool;

    public ChromiumRenderer(ChromiumPool pool) {
        this.pool = pool;
    }

    /** A renderer with its own pool of {@code settings.browsers()} browsers, every page obeying {@code policy}. */
    public static ChromiumRenderer start(ChromiumSettings settings, AddressPolicy policy) {
        return new ChromiumRenderer(new ChromiumPool(settings, policy));
    }

    @Override
    public String name() {
        return "chromium";
    }

    @Override
    public Availability availability() {
        return pool.availability();
    }

    @Override
    public boolean rendersUrls() {
        return true;
    }

    @Override
    public boolean runsInServerProcess() {
        return false; // browsers are processes of their own
    }

    public ChromiumPool pool() {
        return pool;
    }

    @Override
    public void render(RenderRequest request, Path pdf) throws ConversionFailed, InterruptedException {
        long deadline = System.nanoTime() + request.timeout().toNanos();
        if (request.url() != null) {
            checkTopLevel(request.url());
        }
        try {
            renderOnce(request, pdf, deadline);
        } catch (ConversionFailed e) {
            // a browser that died under the page (killed, out of memory) is the machine's trouble more
            // often than the page's: once more on a fresh browser, within the same time limit
            if (e.code() != ErrorCode.CRASHED || System.nanoTime() >= deadline) {
                throw e;
            }
            LOG.warn("Chromium crashed under a page ({}); trying it once more on a fresh browser", e.getMessage());
            renderOnce(request, pdf, deadline);
        }
    }

    private void renderOnce(RenderRequest request, Path pdf, long deadline) throws ConversionFailed, InterruptedException {
        BrowserProcess browser = pool.acquire();
        FutureTask<Void> task = new FutureTask<>(() -> {
            new PageRender(browser, request, deadline).printTo(pdf);
            return null;
        });
        Thread.ofVirtual().name("kiln-chromium-render").start(task);
        try {
            awaitWhileAlive(task, browser, deadline);
            pool.release(browser);
        } catch (BrowserDied e) {
            task.cancel(true);
            pool.restart(browser, RestartReason.CRASH);
            throw new ConversionFailed(ErrorCode.CRASHED, "Chromium crashed while printing the page.");
        } catch (TimeoutException e) {
            task.cancel(true);
            pool.restart(browser, RestartReason.TIMEOUT);
            throw new ConversionFailed(ErrorCode.TIMEOUT, "The page was not printed within "
                    + TimeLimits.said(request.timeout()) + ".");
        } catch (InterruptedException e) {
            task.cancel(true);
            pool.restart(browser, RestartReason.CANCELLED);
            throw e;
        } catch (ExecutionException e) {
            throw failed(browser, e.getCause());
        }
    }

    /**
     * Waits for the render until the deadline, looking at its browser meanwhile: the DevTools client
     * does not fail a pending call (a print, say) when the browser dies, so without this a killed
     * browser would cost the job its whole time limit.
     */
    private static void awaitWhileAlive(FutureTask<Void> task, BrowserProcess browser, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException, BrowserDied {
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException();
            }
            try {
                task.get(Math.min(left, ALIVE_CHECK_NANOS), TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException notYet) {
                if (!browser.isAlive()) {
                    throw new BrowserDied();
                }
            }
        }
    }

    /** The browser of a render in progress is gone. */
    private static final class BrowserDied extends Exception {
        BrowserDied() {
            super(null, null, false, false);
        }
    }

    private ConversionFailed failed(BrowserProcess browser, Throwable cause) throws InterruptedException {
        boolean crashed = cause instanceof ConversionFailed crash && crash.code() == ErrorCode.CRASHED;
        if (crashed || diesSoon(browser, cause)) {
            pool.restart(browser, RestartReason.CRASH);
            return new ConversionFailed(ErrorCode.CRASHED, "Chromium crashed while printing the page.", cause);
        }
        if (cause instanceof ConversionFailed known) {
            if (known.code() == ErrorCode.TIMEOUT) {
                pool.restart(browser, RestartReason.TIMEOUT);
            } else {
                pool.release(browser);
            }
            return known;
        }
        if (PageRender.isTimeout(cause)) {
            pool.restart(browser, RestartReason.TIMEOUT);
            return new ConversionFailed(ErrorCode.TIMEOUT, "The page was not printed in time.", cause);
        }
        pool.release(browser);
        return new ConversionFailed(ErrorCode.ENGINE_FAILED, "Chromium could not print the page: "
                + cause.getMessage(), cause);
    }

    /**
     * Whether the browser is dead, or dies within a moment, after a call failed for no reason the page
     * gave: a signal to the process group (SIGTERM at a stop, the OOM killer) takes the renderer first,
     * and the print fails ("Printing failed") while the browser process still lives for some
     * milliseconds; that is a crash, tried again, not the page's failure (found by
     * {@code hardening/CleanStopTest}, where such a job ended {@code engine_failed}).
     */
    private static boolean diesSoon(BrowserProcess browser, Throwable cause) throws InterruptedException {
        if (cause instanceof ConversionFailed || PageRender.isTimeout(cause)) {
            return !browser.isAlive();
        }
        for (int i = 0; i < 10; i++) {
            if (!browser.isAlive()) {
                return true;
            }
            Thread.sleep(100);
        }
        return !browser.isAlive();
    }

    /** Only http(s), and a host the rules accept: the first hop fails the job clearly, later ones just fail to load. */
    private void checkTopLevel(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ConversionFailed(ErrorCode.URL_FORBIDDEN, "Only http and https URLs can be printed, not "
                    + (scheme.isEmpty() ? "a URL without a scheme" : "a " + scheme + " URL") + ".");
        }
        if (url.getHost() == null || url.getHost().isEmpty()
                || url.getHost().toLowerCase(Locale.ROOT).endsWith(DocumentSite.DOMAIN)) {
            throw new ConversionFailed(ErrorCode.URL_FORBIDDEN, "The URL has no valid host name.");
        }
        int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        try {
            pool.rules().vet(url.getHost(), port);
        } catch (EgressRefused refused) {
            throw new ConversionFailed(ErrorCode.URL_FORBIDDEN, refused.getMessage());
        } catch (UnknownHostException unknown) {
            throw new ConversionFailed(ErrorCode.URL_FETCH_FAILED, "The host " + url.getHost() + " is unknown.");
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
