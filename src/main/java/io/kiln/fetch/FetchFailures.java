package io.kiln.fetch;

import io.kiln.error.TimeLimits;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.error.KilnException;
import io.kiln.error.RequestRejected;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns what went wrong during a fetch into the error a client sees: a stable code and a plain
 * sentence naming only the URL's origin (its query may hold a token), with the technical failure
 * kept as the cause for the log.
 */
final class FetchFailures {

    private FetchFailures() {}

    /**
     * A policy refusal. Before anything was fetched it is the request that is wrong
     * ({@link RequestRejected}); on a redirect the fetch had begun, so the conversion fails.
     */
    static KilnException forbidden(String sentence, boolean firstHop) {
        return firstHop
                ? new RequestRejected(ErrorCode.URL_FORBIDDEN, sentence)
                : new ConversionFailed(ErrorCode.URL_FORBIDDEN, "A redirect was refused: " + sentence);
    }

    static ConversionFailed timedOut(URI url, Duration timeout) {
        return failed("Fetching " + origin(url) + " took longer than " + TimeLimits.said(timeout) + ".", null);
    }

    static ConversionFailed status(URI url, int status) {
        return failed(origin(url) + " answered HTTP " + status + ".", null);
    }

    static ConversionFailed tooLarge(URI url, long maxBytes) {
        return new ConversionFailed(ErrorCode.PAYLOAD_TOO_LARGE,
                "The file at " + origin(url) + " is larger than the limit of " + maxBytes + " bytes.");
    }

    static ConversionFailed failed(String sentence, Throwable cause) {
        return new ConversionFailed(ErrorCode.URL_FETCH_FAILED, sentence, cause);
    }

    /** Classifies a failure thrown by Jetty or by the body stream. */
    static KilnException of(Throwable failure, URI url, boolean firstHop, Duration timeout) {
        Optional<AddressRefused> refused = find(failure, AddressRefused.class);
        if (refused.isPresent()) {
            return forbidden(refused.get().getMessage(), firstHop);
        }
        if (find(failure, TimeoutException.class).isPresent()) {
            return timedOut(url, timeout);
        }
        if (find(failure, UnknownHostException.class).isPresent()) {
            return failed("The host " + url.getHost() + " could not be found.", failure);
        }
        if (find(failure, ConnectException.class).isPresent()) {
            return failed("Could not connect to " + origin(url) + ".", failure);
        }
        if (find(failure, SSLException.class).isPresent()) {
            return failed("The TLS handshake with " + origin(url) + " failed.", failure);
        }
        return failed("Fetching " + origin(url) + " failed: the connection broke off.", failure);
    }

    /** {@code scheme://host[:port]}: never the user info, path or query, which may hold secrets. */
    static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
