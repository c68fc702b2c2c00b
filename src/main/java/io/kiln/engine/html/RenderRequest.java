package io.kiln.engine.html;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One page to print: either a local HTML document whose assets (images, CSS, fonts) are the other
 * files in {@code assets}, found by relative name, or a web page at {@code url}.
 *
 * @param document the HTML file, or null for a URL
 * @param assets supporting files by the name the document refers to them by (may be empty)
 * @param url the page to load, or null for a document
 * @param timeout the whole render's time limit, waits included
 * @param owner whose render this is ({@link io.kiln.engine.ConversionTask#owner}); empty for none
 */
public record RenderRequest(Path document, Map<String, Path> assets, URI url, PrintOptions print, Duration timeout,
                            String owner) {

    public RenderRequest {
        owner = owner == null ? "" : owner;
        if ((document == null) == (url == null)) {
            throw new IllegalArgumentException("a document or a url, not both");
        }
        assets = Map.copyOf(assets);
        Objects.requireNonNull(print);
        Objects.requireNonNull(timeout);
    }

    public static RenderRequest document(Path html, Map<String, Path> assets, PrintOptions print, Duration timeout) {
        return new RenderRequest(html, assets, null, print, timeout, "");
    }

    public static RenderRequest url(URI url, PrintOptions print, Duration timeout) {
        return new RenderRequest(null, Map.of(), url, print, timeout, "");
    }

    /** This request made on behalf of {@code owner}. */
    public RenderRequest ownedBy(String owner) {
        return new RenderRequest(document, assets, url, print, timeout, owner);
    }
}
