package io.kiln.engine.html.chromium;

import com.fasterxml.jackson.databind.JsonNode;
import com.ruiyun.jvppeteer.api.core.CDPSession;
import com.ruiyun.jvppeteer.api.core.Page;
import com.ruiyun.jvppeteer.api.events.ConnectionEvents;
import com.ruiyun.jvppeteer.cdp.entities.ResponsePayload;
import com.ruiyun.jvppeteer.cdp.events.LifecycleEvent;
import com.ruiyun.jvppeteer.cdp.events.RequestWillBeSentEvent;
import com.ruiyun.jvppeteer.cdp.events.ResponseReceivedEvent;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Watches one render's main frame: loads a URL with {@code Page.navigate} and waits for the
 * {@code load} event of the document the frame ends up on, with that document's response. A page
 * may send its tab elsewhere (a script setting {@code location}, a form it submits, a meta refresh)
 * before or after it loads; the wait follows the frame to its latest document, so a page that
 * navigates itself to a forbidden address is answered as the refusal it met rather than waiting out
 * the job's limit for a load that never comes (found by {@code hardening/SsrfSweepTest}).
 *
 * <p>Done on jvppeteer's session with the page's own lifecycle events rather than
 * {@code Page.goTo}, which notices the end of a load by polling with a doubling interval (100, 200,
 * 400 ms …): a page loaded in 420 ms was answered at 700 ms, in all about a sixth of the corpus'
 * render time.
 */
final class Navigation implements AutoCloseable {

    /** Past this many documents in one render the page is navigating in a loop. */
    static final int MAX_DOCUMENTS = 10;

    /** How long an aborted navigation's replacement is waited for; events come within milliseconds. */
    private static final Duration REPLACEMENT_WAIT = Duration.ofSeconds(1);

    /** The main document's response; {@code status} is -1 when none was seen (e.g. an error page). */
    record Response(int status, Map<String, String> headers) {
        boolean hasHeader(String name) {
            return headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
        }
    }

    private final CDPSession client;
    private final String mainFrame;
    private final Consumer<LifecycleEvent> onLifecycle;
    private final Consumer<RequestWillBeSentEvent> onRequest;
    private final Consumer<ResponseReceivedEvent> onResponse;
    // guarded by this; events arrive on jvppeteer's threads, possibly before Page.navigate answers
    private final Set<String> loaded = new HashSet<>();
    private final Set<String> documents = new HashSet<>();
    private final Map<String, ResponsePayload> responses = new HashMap<>();
    private String latest;

    private Navigation(Page page) {
        this.client = Cdp.session(page);
        this.mainFrame = page.mainFrame().id();
        this.onLifecycle = e -> {
            if ("load".equals(e.getName()) && mainFrame.equals(e.getFrameId()) && e.getLoaderId() != null) {
                synchronized (this) {
                    loaded.add(e.getLoaderId());
                    notifyAll();
                }
            }
        };
        this.onRequest = e -> {
            if ("Document".equals(e.getType()) && mainFrame.equals(e.getFrameId()) && e.getLoaderId() != null) {
                synchronized (this) {
                    documents.add(e.getLoaderId());
                    latest = e.getLoaderId();
                    notifyAll();
                }
            }
        };
        this.onResponse = e -> {
            if ("Document".equals(e.getType()) && e.getLoaderId() != null && e.getResponse() != null) {
                synchronized (this) {
                    responses.put(e.getLoaderId(), e.getResponse());
                }
            }
        };
        client.on(ConnectionEvents.Page_lifecycleEvent, onLifecycle);
        client.on(ConnectionEvents.Network_requestWillBeSent, onRequest);
        client.on(ConnectionEvents.Network_responseReceived, onResponse);
    }

    /** Starts watching {@code page}'s main frame; close when the render ends. */
    static Navigation watch(Page page) {
        return new Navigation(page);
    }

    /**
     * Loads {@code url} and waits for the frame's latest document to load.
     *
     * @throws TimeoutException when no document the frame ended up on finished loading in time
     * @throws IllegalStateException with Chromium's error text when the navigation failed
     */
    Response load(URI url, long timeoutMillis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        JsonNode started = client.send("Page.navigate", Cdp.params("url", url.toString()),
                (int) Math.max(1, timeoutMillis), true);
        String error = started.path("errorText").asText("");
        String loader = started.path("loaderId").asText("");
        if (!error.isEmpty()) {
            if (error.contains("ERR_ABORTED") && replaced(loader, deadline)) {
                return settle(deadline); // a page that sent the tab on at once (meta refresh 0): follow it
            }
            throw new IllegalStateException(error + " at " + url);
        }
        if (loader.isEmpty()) {
            throw new IllegalStateException("the navigation to " + url + " did not start a document");
        }
        synchronized (this) {
            if (latest == null) { // else the frame's document request came first, or a later one already
                latest = loader;
            }
        }
        return settle(deadline);
    }

    /**
     * Whether a navigation reported aborted was replaced by a later document of the frame's own. A
     * meta refresh of 0 s can start the next document before Chromium answers {@code Page.navigate},
     * which then reports the first one {@code ERR_ABORTED} (seen once in a fresh-clone run of
     * {@code hardening/SsrfSweepTest}). The replacement's request event may arrive on another of
     * jvppeteer's threads just after the answer, so it is waited for briefly.
     */
    private synchronized boolean replaced(String aborted, long deadlineNanos) throws InterruptedException {
        long until = Math.min(deadlineNanos, System.nanoTime() + REPLACEMENT_WAIT.toNanos());
        while (true) {
            boolean other = aborted.isEmpty() ? documents.size() > 1
                    : documents.stream().anyMatch(d -> !d.equals(aborted));
            long left = until - System.nanoTime();
            if (other || left <= 0) {
                return other;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Whether the frame has moved to another document since the last {@link #settle}. */
    synchronized boolean moved() {
        return latest != null && !loaded.contains(latest);
    }

    /**
     * Waits until the frame's latest document has loaded and returns its response.
     *
     * @throws TimeoutException when it has not by {@code deadlineNanos}
     * @throws IllegalStateException when the page navigated more than {@link #MAX_DOCUMENTS} times
     */
    synchronized Response settle(long deadlineNanos) throws InterruptedException, TimeoutException {
        while (latest == null || !loaded.contains(latest)) {
            if (documents.size() > MAX_DOCUMENTS) {
                throw new IllegalStateException("the page navigated to " + documents.size()
                        + " documents in a row without settling");
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("the page did not finish loading in time");
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        ResponsePayload r = responses.get(latest);
        return r == null ? new Response(-1, Map.of())
                : new Response(r.getStatus(), r.getHeaders() == null ? Map.of() : r.getHeaders());
    }

    @Override
    public void close() {
        client.off(ConnectionEvents.Page_lifecycleEvent, onLifecycle);
        client.off(ConnectionEvents.Network_requestWillBeSent, onRequest);
        client.off(ConnectionEvents.Network_responseReceived, onResponse);
    }
}
