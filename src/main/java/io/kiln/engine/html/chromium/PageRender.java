package io.kiln.engine.html.chromium;

import com.ruiyun.jvppeteer.api.core.Page;
import com.ruiyun.jvppeteer.cdp.entities.WaitForSelectorOptions;
import com.ruiyun.jvppeteer.common.MediaType;
import io.kiln.engine.html.PrintOptions;
import io.kiln.engine.html.RenderRequest;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One page printed on one browser: open a fresh page, set the media and headers, load the document
 * (from its private origin) or the URL, wait as asked, print, and give the page back for disposal.
 */
final class PageRender {

    private final BrowserProcess browser;
    private final RenderRequest request;
    private final long deadline;

    PageRender(BrowserProcess browser, RenderRequest request, long deadlineNanos) {
        this.browser = browser;
        this.request = request;
        this.deadline = deadlineNanos;
    }

    void printTo(Path pdf) throws Exception {
        EgressProxy proxy = browser.proxy();
        DocumentSite site = request.document() == null ? null : DocumentSite.of(request.document(), request.assets());
        proxy.begin(site);
        Page page = browser.pageFor(request.owner());
        boolean cleanly = false;
        try (Navigation navigation = Navigation.watch(page)) {
            PrintOptions print = request.print();
            page.setDefaultTimeout(remainingMillis());
            page.setDefaultNavigationTimeout(remainingMillis());
            page.emulateMediaType(print.media() == PrintOptions.Media.SCREEN ? MediaType.Screen : MediaType.Print);
            // always set: a kept page still has the previous render's
            page.setExtraHTTPHeaders(site == null ? print.headers() : Map.of());
            URI url = site == null ? request.url() : site.documentUrl();
            load(navigation, url, site == null);
            print.waitForSelector().filter(s -> !s.isBlank()).ifPresent(selector -> waitFor(page, selector));
            if (print.delay().isPositive()) {
                Thread.sleep(Math.min(print.delay().toMillis(), remainingMillis()));
            }
            Files.write(pdf, printSettled(page, navigation, url, site == null));
            cleanly = true;
        } finally {
            proxy.end();
            browser.finished(page, request.owner(), site == null ? null : site.origin(), cleanly);
        }
    }

    private void load(Navigation navigation, URI url, boolean isUrlInput) throws Exception {
        Navigation.Response response;
        try {
            response = navigation.load(url, remainingMillis());
        } catch (RuntimeException | java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException failed) {
            throw loadFailure(url, isUrlInput, failed);
        }
        judge(response, isUrlInput);
    }

    /**
     * Prints the document the tab is on. A page that navigated itself after loading (a meta refresh,
     * a timer) is followed to its new document first, and a print cut short by such a navigation
     * is tried again on the document it led to.
     */
    private byte[] printSettled(Page page, Navigation navigation, URI url, boolean isUrlInput) throws Exception {
        for (int attempt = 1; ; attempt++) {
            if (navigation.moved()) {
                settle(navigation, url, isUrlInput);
            }
            try {
                return page.pdf(PdfParameters.of(request.print(), remainingMillis()));
            } catch (RuntimeException failed) {
                if (attempt >= 3 || !(navigation.moved() || isNavigation(failed))) {
                    throw failed;
                }
                settle(navigation, url, isUrlInput);
            }
        }
    }

    private void settle(Navigation navigation, URI url, boolean isUrlInput) throws Exception {
        Navigation.Response response;
        try {
            response = navigation.settle(deadline);
        } catch (RuntimeException | java.util.concurrent.TimeoutException failed) {
            throw loadFailure(url, isUrlInput, failed);
        }
        judge(response, isUrlInput);
    }

    /** What the DevTools protocol says when a page's document went away under a call. */
    private static boolean isNavigation(Throwable failed) {
        for (Throwable t = failed; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("because of a navigation")) {
                return true;
            }
        }
        return false;
    }

    private void judge(Navigation.Response response, boolean isUrlInput) {
        if (response.hasHeader(ProxyExchange.REFUSED_HEADER)) {
            throw forbidden();
        }
        if (isUrlInput && response.status() >= 400) {
            throw new ConversionFailed(ErrorCode.URL_FETCH_FAILED,
                    "The page answered HTTP " + response.status() + ".");
        }
    }

    /**
     * A page that did not load: refused by the address rules (first hop or a redirect), unreachable,
     * or lost with its browser or renderer (a crash, not the page's fault). A document the client
     * sent is served from inside the browser's own site, so failing to load it is never a fetch error.
     */
    private Exception loadFailure(URI url, boolean isUrlInput, Exception failed) {
        if (isTimeout(failed)) {
            return new ConversionFailed(ErrorCode.TIMEOUT, "The page did not finish loading in time.", failed);
        }
        if (!browser.proxy().refusals().isEmpty()) {
            return forbidden();
        }
        if (isCrash(failed) || !browser.isAlive()) {
            return new ConversionFailed(ErrorCode.CRASHED, "Chromium crashed while loading the page.", failed);
        }
        if (!isUrlInput) {
            return new ConversionFailed(ErrorCode.ENGINE_FAILED, "Chromium could not load the document: "
                    + failed.getMessage(), failed);
        }
        return new ConversionFailed(ErrorCode.URL_FETCH_FAILED,
                "The page at " + url.getHost() + " could not be loaded: " + failed.getMessage(), failed);
    }

    /** What the DevTools protocol says when the page's target or its renderer died under it. */
    static boolean isCrash(Throwable failed) {
        for (Throwable t = failed; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("Target closed") || m.contains("Target crashed") || m.contains("Page crashed")) {
                return true;
            }
        }
        return false;
    }

    private ConversionFailed forbidden() {
        List<String> refusals = browser.proxy().refusals();
        return new ConversionFailed(ErrorCode.URL_FORBIDDEN, refusals.isEmpty()
                ? "The page may not be loaded." : refusals.getFirst());
    }

    private void waitFor(Page page, String selector) {
        WaitForSelectorOptions options = new WaitForSelectorOptions();
        options.setTimeout(remainingMillis());
        try {
            page.waitForSelector(selector, options);
        } catch (Exception e) {
            if (isTimeout(e)) {
                throw new ConversionFailed(ErrorCode.TIMEOUT,
                        "No element matched '" + selector + "' within the time limit.", e);
            }
            throw new ConversionFailed(ErrorCode.INVALID_OPTION,
                    "Waiting for '" + selector + "' failed: " + e.getMessage(), e);
        }
    }

    static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().contains("Timeout")
                    || String.valueOf(t.getMessage()).toLowerCase().contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    private int remainingMillis() {
        long ms = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }
}
