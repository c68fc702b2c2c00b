package io.kiln.fetch;

import io.kiln.error.KilnException;
import java.net.URI;
import java.util.Optional;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty HTTP clients for calls to client-given URLs other than downloads (webhooks), under the same
 * SSRF rules as {@link UrlFetcher}: every connection goes through a {@link PinnedResolver}, redirects
 * are never followed (a caller that wants one must re-check it), and no cookies are kept.
 */
public final class PinnedHttpClients {

    private static final long DESTINATION_IDLE_MILLIS = 60_000;

    /**
     * The most platform threads of one client, for its selector and the short tasks of reading and
     * failing calls; tasks that may block run on virtual threads. Left at Jetty's default of 200, a
     * burst of calls cut at once (receivers that hang) started a thread for each task it queued: 65
     * for 300 calls cut together, kept for a minute.
     */
    public static final int PLATFORM_THREADS = 16;

    private PinnedHttpClients() {}

    /**
     * A started client; the caller stops it.
     *
     * @param name names the client's threads, for thread dumps
     */
    public static HttpClient start(AddressPolicy policy, NameLookup lookup, String name, String userAgent) {
        QueuedThreadPool threads = new QueuedThreadPool(PLATFORM_THREADS, 2);
        threads.setName(name);
        threads.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor(name + "-task"));
        threads.setDaemon(true);
        HttpClient client = new HttpClient();
        client.setExecutor(threads);
        client.setSocketAddressResolver(new PinnedResolver(policy, lookup));
        client.setFollowRedirects(false);
        // every distinct host gets a Jetty destination; drop idle ones so arbitrary URLs do not pile up
        client.setDestinationIdleTimeout(DESTINATION_IDLE_MILLIS);
        // cookies set by one tenant's URL must never ride along on another tenant's call
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, userAgent));
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the HTTP client " + name, e);
        }
        return client;
    }

    /** Why {@code url} may not be called whatever it resolves to (not http(s), no host), or empty. */
    public static Optional<String> urlRefusal(URI url) {
        try {
            WebUrls.require(url, true);
            return Optional.empty();
        } catch (KilnException refused) {
            return Optional.of(refused.getMessage());
        }
    }

    /** The policy's sentence if {@code failure} (from a request of such a client) is an address refusal. */
    public static Optional<String> addressRefusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AddressRefused refused) {
                return Optional.of(refused.getMessage());
            }
        }
        return Optional.empty();
    }

    /** {@code scheme://host[:port]}: what an error may name of a URL whose path or query may hold secrets. */
    public static String origin(URI url) {
        return FetchFailures.origin(url);
    }
}
