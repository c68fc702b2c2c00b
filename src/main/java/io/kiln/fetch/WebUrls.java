package io.kiln.fetch;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;

/** The URL rules of a fetch: which schemes go, where a redirect leads, what counts as one origin. */
final class WebUrls {

    private WebUrls() {}

    /** Refuses anything but an http(s) URL with a host. */
    static void require(URI url, boolean firstHop) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            String shown = scheme.isEmpty() ? "a URL without a scheme" : "a " + scheme + " URL";
            throw FetchFailures.forbidden(
                    "Only http and https URLs can be fetched, not " + shown + ".", firstHop);
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw FetchFailures.forbidden("The URL has no valid host name.", firstHop);
        }
    }

    /** Where a 3xx answer points, resolved against the URL that answered. */
    static URI redirectTarget(URI current, Response response) {
        String location = response.getHeaders().get(HttpHeader.LOCATION);
        if (location == null || location.isBlank()) {
            throw FetchFailures.failed(FetchFailures.origin(current) + " answered HTTP "
                    + response.getStatus() + " without saying where to.", null);
        }
        String target = location.strip();
        int fragment = target.indexOf('#');
        try {
            // A fragment is the client's business; it is not sent to the server.
            // URI.resolve mishandles a base with an empty path (http://a + b gives http://ab).
            URI base = current.getRawPath() == null || current.getRawPath().isEmpty() ? current.resolve("/") : current;
            return base.resolve(new URI(fragment < 0 ? target : target.substring(0, fragment)));
        } catch (URISyntaxException | IllegalArgumentException bad) {
            throw FetchFailures.failed(
                    FetchFailures.origin(current) + " redirected to a malformed URL.", bad);
        }
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().equalsIgnoreCase(b.getHost())
                && effectivePort(a) == effectivePort(b);
    }

    private static int effectivePort(URI url) {
        return url.getPort() >= 0 ? url.getPort() : url.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }
}
