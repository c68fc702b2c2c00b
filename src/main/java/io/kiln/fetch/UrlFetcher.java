package io.kiln.fetch;

import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

/**
 * Downloads URL inputs to files under an {@link AddressPolicy}. Every connection goes through a
 * {@link PinnedResolver}, so the address checked is the address used; redirects are followed here,
 * not by Jetty, so that each hop's scheme is checked too. One instance (one Jetty client, one
 * connection pool) serves the whole process; {@link #close()} stops it.
 */
public final class UrlFetcher implements AutoCloseable {

    public static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final String USER_AGENT = "Kiln";

    private final PinnedResolver resolver;
    private final HttpClient client;

    public UrlFetcher(AddressPolicy policy) {
        this(policy, NameLookup.system());
    }

    public UrlFetcher(AddressPolicy policy, NameLookup lookup) {
        this.resolver = new PinnedResolver(policy, lookup); // for the checks at submission; the client pins its own
        // the webhook sender's client: the same pinning, no redirects or cookies, and a bounded thread pool
        this.client = PinnedHttpClients.start(policy, lookup, "url-fetch", USER_AGENT);
    }

    /**
     * Early validation at submit time: http(s), a host, and every address it resolves to allowed.
     * An unknown host passes here; the fetch reports it as {@code url_fetch_failed}, so a DNS blip
     * at submit time does not turn into a refusal.
     *
     * @throws RequestRejected {@code url_forbidden} when the URL may not be fetched
     */
    public void check(URI url) {
        WebUrls.require(url, true);
        try {
            resolver.vet(url.getHost());
        } catch (AddressRefused refused) {
            throw FetchFailures.forbidden(refused.getMessage(), true);
        } catch (UnknownHostException unknown) {
            // reported by fetch, see above
        }
    }

    /**
     * Downloads {@code url} to {@code target}, following up to {@value #MAX_REDIRECTS} redirects.
     * {@code headers} are sent only to the original URL's origin: a redirect elsewhere must not
     * carry the client's credentials along. On failure {@code target} is deleted.
     *
     * @param timeout for the whole download, redirects included
     * @throws RequestRejected {@code url_forbidden} if the URL itself is refused by the policy
     * @throws ConversionFailed {@code url_forbidden} for a refused redirect, {@code url_fetch_failed}
     *     for network errors, timeouts and non-2xx answers, {@code payload_too_large} past maxBytes
     */
    public FetchedFile fetch(URI url, Path target, long maxBytes, Duration timeout, Map<String, String> headers) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI current = url;
        for (int redirects = 0; ; redirects++) {
            boolean firstHop = redirects == 0;
            WebUrls.require(current, firstHop);
            Map<String, String> hopHeaders = WebUrls.sameOrigin(url, current) ? headers : Map.of();
            Exchange exchange = send(current, hopHeaders, deadline, timeout, firstHop);
            int status = exchange.response().getStatus();
            if (REDIRECTS.contains(status)) {
                exchange.discard();
                if (redirects == MAX_REDIRECTS) {
                    throw FetchFailures.failed(
                            FetchFailures.origin(url) + " redirected more than " + MAX_REDIRECTS + " times.", null);
                }
                current = WebUrls.redirectTarget(current, exchange.response());
            } else if (status / 100 != 2) {
                exchange.discard();
                throw FetchFailures.status(current, status);
            } else {
                return download(exchange, current, target, maxBytes, timeout, firstHop);
            }
        }
    }

    private Exchange send(URI url, Map<String, String> headers, long deadline, Duration timeout, boolean firstHop) {
        long remaining = remainingMillis(deadline, url, timeout);
        Request request = client.newRequest(url)
                .method(HttpMethod.GET)
                .followRedirects(false)
                .timeout(remaining, TimeUnit.MILLISECONDS)
                .headers(fields -> headers.forEach(fields::put));
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        try {
            return new Exchange(request, listener, listener.get(remaining, TimeUnit.MILLISECONDS));
        } catch (ExecutionException failed) {
            throw FetchFailures.of(failed.getCause(), url, firstHop, timeout);
        } catch (TimeoutException late) {
            request.abort(late);
            throw FetchFailures.timedOut(url, timeout);
        } catch (InterruptedException interrupted) {
            request.abort(interrupted);
            Thread.currentThread().interrupt();
            throw new ConversionFailed(ErrorCode.ABORTED, "The download was interrupted.", interrupted);
        }
    }

    private static FetchedFile download(Exchange exchange, URI url, Path target, long maxBytes,
            Duration timeout, boolean firstHop) {
        Response response = exchange.response();
        if (response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH) > maxBytes) {
            exchange.discard();
            throw FetchFailures.tooLarge(url, maxBytes);
        }
        try (InputStream body = exchange.listener().getInputStream()) {
            long size = LimitedCopy.copy(body, target, maxBytes);
            String name = DownloadName.of(response.getHeaders().get(HttpHeader.CONTENT_DISPOSITION), url);
            return new FetchedFile(url, target, name, mediaType(response), size);
        } catch (LimitedCopy.TooLarge tooLarge) {
            exchange.discard();
            deleteQuietly(target);
            throw FetchFailures.tooLarge(url, maxBytes);
        } catch (IOException network) {
            exchange.request().abort(network);
            deleteQuietly(target);
            throw FetchFailures.of(network, url, firstHop, timeout);
        } catch (UncheckedIOException local) {
            exchange.discard();
            deleteQuietly(target);
            throw new ConversionFailed(ErrorCode.INTERNAL, "The downloaded file could not be stored.", local);
        }
    }

    private static long remainingMillis(long deadline, URI url, Duration timeout) {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remaining <= 0) {
            throw FetchFailures.timedOut(url, timeout);
        }
        return remaining;
    }

    private static String mediaType(Response response) {
        String declared = Objects.requireNonNullElse(response.getHeaders().get(HttpHeader.CONTENT_TYPE), "");
        String type = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.isEmpty() ? "application/octet-stream" : type;
    }

    private static void deleteQuietly(Path target) {
        try {
            Files.deleteIfExists(target);
        } catch (IOException ignored) {
            // a partial file left behind is harmless beside the error being reported
        }
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the HTTP client for URL inputs", e);
        }
    }

    /** One request in flight: its response headers have arrived, its body has not been read. */
    private record Exchange(Request request, InputStreamResponseListener listener, Response response) {
        /** Gives up on the body; the connection is closed rather than drained. */
        void discard() {
            request.abort(new CancellationException("body not needed"));
        }
    }
}
