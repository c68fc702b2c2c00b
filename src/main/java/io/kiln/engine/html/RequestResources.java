package io.kiln.engine.html;

import com.openhtmltopdf.extend.FSStream;
import com.openhtmltopdf.extend.FSStreamFactory;
import com.openhtmltopdf.extend.FSUriResolver;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceType;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Everything a page may load while it is printed by openhtmltopdf: the request's own files, found by
 * the name the page uses, and {@code data:} URIs. Every other address — {@code file:}, {@code http(s):},
 * {@code jar:}, {@code classpath:} — resolves to nothing, so no local file is read and no network
 * request is made. It is at once the URI resolver, the access check run after resolving, and the
 * stream source of its own {@value #SCHEME} scheme.
 */
final class RequestResources implements FSUriResolver, FSStreamFactory, BiPredicate<String, ExternalResourceType> {

    /** The made-up scheme of the request's files; the document itself sits at {@link #BASE}. */
    static final String SCHEME = "kiln-asset";
    static final String BASE = SCHEME + ":/document.html";

    private final Map<String, Path> byName = new HashMap<>();
    /** Folder-less, lower-case name → name, for pages that refer to {@code images/Logo.PNG} as {@code logo.png}. */
    private final Map<String, String> byLooseName = new HashMap<>();
    private final PixelLimit images;

    RequestResources(Map<String, Path> assets, PixelLimit images) {
        this.images = images;
        assets.forEach((name, file) -> {
            String n = AssetNames.normalize(name);
            if (!n.isEmpty()) {
                byName.putIfAbsent(n, file);
                byLooseName.putIfAbsent(AssetNames.loose(n), n);
            }
        });
    }

    @Override
    public String resolveURI(String baseUri, String uri) {
        if (uri == null || uri.isBlank()) {
            return null;
        }
        String u = uri.strip();
        if (u.regionMatches(true, 0, "data:", 0, 5)) {
            return u;
        }
        try {
            URI ref = new URI(u.replace('\\', '/').replace(" ", "%20"));
            if (ref.isAbsolute() && !SCHEME.equalsIgnoreCase(ref.getScheme())) {
                return null;
            }
            String base = baseUri != null && baseUri.startsWith(SCHEME + ":") ? baseUri : BASE;
            String path = new URI(base).resolve(ref).getPath();
            return path == null ? null : find(AssetNames.normalize(path)).orElse(null);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The canonical address of the asset a page calls {@code name}, if the request has one. */
    private Optional<String> find(String name) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String key = byName.containsKey(name) ? name : byLooseName.get(AssetNames.loose(name));
        return Optional.ofNullable(key).map(RequestResources::address);
    }

    /** The {@value #SCHEME} URI of a name, each path segment percent-encoded. */
    private static String address(String name) {
        try {
            return SCHEME + ":" + new URI(null, null, "/" + name, null).getRawPath();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public FSStream getUrl(String uri) {
        Path file = null;
        try {
            file = byName.get(AssetNames.normalize(new URI(uri).getPath()));
        } catch (URISyntaxException | NullPointerException e) {
            // not one of ours: nothing
        }
        return file == null ? Streams.NONE : Streams.of(file, images);
    }

    /** The access check after resolving: only our own scheme and {@code data:} pass. */
    @Override
    public boolean test(String resolved, ExternalResourceType type) {
        String s = resolved.toLowerCase(Locale.ROOT);
        return s.startsWith(SCHEME + ":") || s.startsWith("data:");
    }
}
