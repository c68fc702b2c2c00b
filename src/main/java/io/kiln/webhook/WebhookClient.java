package io.kiln.webhook;

import io.kiln.fetch.AddressPolicy;
import io.kiln.fetch.NameLookup;
import io.kiln.fetch.PinnedHttpClients;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Makes webhook calls under the SSRF rules: every connection is resolved and checked by the
 * {@link AddressPolicy} (DNS pinned, so a name that rebinds to a forbidden address is refused on the
 * next call), redirects are never followed, and each call has a time limit. Only the status and
 * {@code Retry-After} of an answer matter; at most {@link #MAX_BODY_READ} bytes of its body are read.
 */
final class WebhookClient implements AutoCloseable {

    static final int MAX_BODY_READ = 64 * 1024;
    private static final String USER_AGENT = "Kiln-Webhooks";

    private final HttpClient client;

    WebhookClient(AddressPolicy policy, NameLookup lookup) {
        this.client = PinnedHttpClients.start(policy, lookup, "kiln-webhook-http", USER_AGENT);
    }

    /** Calls the receiver; never throws for what the network or the receiver did. */
    AttemptResult send(WebhookRequest call, Duration timeout) throws InterruptedException {
        Optional<String> refused = PinnedHttpClients.urlRefusal(call.url());
        if (refused.isPresent()) {
            return AttemptResult.never(refused.get());
        }
        long started = System.nanoTime();
        InputStreamResponseListener listener = new InputStreamResponseListener();
        Request request;
        try {
            request = client.newRequest(call.url())
                    .method(call.method())
                    .followRedirects(false)
                    .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .headers(fields -> call.headers().forEach(fields::put));
            if (call.body() != null) {
                // the exact bytes that were signed
                request.body(new BytesRequestContent("application/json",
                        call.body().getBytes(StandardCharsets.UTF_8)));
            }
            request.send(listener);
        } catch (IllegalArgumentException unusable) {
            return AttemptResult.never("the webhook URL cannot be called: " + unusable.getMessage());
        }
        try {
            Response response = listener.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            drain(listener, request);
            return AttemptResult.answered(response.getStatus(), response.getHeaders().get(HttpHeader.RETRY_AFTER),
                    millisSince(started));
        } catch (ExecutionException failed) {
            return AttemptResult.failed(describe(failed.getCause(), call.url(), timeout), millisSince(started));
        } catch (TimeoutException late) {
            request.abort(late);
            return AttemptResult.failed(noAnswer(call.url(), timeout), millisSince(started));
        } catch (InterruptedException stopping) {
            request.abort(stopping);
            throw stopping;
        }
    }

    /** Reads a little of the body so the connection can be reused; a receiver that sends more is cut off. */
    private static void drain(InputStreamResponseListener listener, Request request) {
        try (InputStream body = listener.getInputStream()) {
            if (body.readNBytes(MAX_BODY_READ).length == MAX_BODY_READ && body.read() >= 0) {
                request.abort(new CancellationException("webhook answer body not needed"));
            }
        } catch (IOException ignored) {
            // the status has arrived; what happens to the rest of the body does not change the outcome
        }
    }

    /** A sentence for the history; it names only the URL's origin, as the path or query may hold a token. */
    private static String describe(Throwable failure, URI url, Duration timeout) {
        Optional<String> refusal = PinnedHttpClients.addressRefusal(failure);
        if (refusal.isPresent()) {
            return "refused: " + refusal.get();
        }
        String origin = PinnedHttpClients.origin(url);
        if (has(failure, TimeoutException.class)) {
            return noAnswer(url, timeout);
        }
        if (has(failure, UnknownHostException.class)) {
            return "the host " + url.getHost() + " could not be found";
        }
        if (has(failure, ConnectException.class)) {
            return "could not connect to " + origin;
        }
        if (has(failure, SSLException.class)) {
            return "the TLS handshake with " + origin + " failed";
        }
        return "the call to " + origin + " failed: " + failure.getClass().getSimpleName();
    }

    private static String noAnswer(URI url, Duration timeout) {
        return PinnedHttpClients.origin(url) + " did not answer within " + timeout.toMillis() + " ms";
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the webhook HTTP client", e);
        }
    }
}
