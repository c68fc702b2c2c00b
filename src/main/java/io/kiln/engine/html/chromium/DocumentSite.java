package io.kiln.engine.html.chromium;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An uploaded document and its assets, served to the browser from a private origin instead of
 * {@code file://} (from which an iframe could read any local file). The origin's host is random per
 * render under {@code .invalid} (which no DNS answers), so it is unguessable and nothing of one
 * render is visible to another; only the egress proxy answers for it, and only with these files.
 */
final class DocumentSite {

    static final String DOMAIN = ".kiln.invalid";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html"), Map.entry("htm", "text/html"), Map.entry("xhtml", "application/xhtml+xml"),
            Map.entry("css", "text/css"), Map.entry("js", "text/javascript"), Map.entry("mjs", "text/javascript"),
            Map.entry("json", "application/json"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"), Map.entry("bmp", "image/bmp"), Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"), Map.entry("txt", "text/plain"), Map.entry("md", "text/plain"));

    private final String host;
    private final String documentName;
    private final Map<String, Path> files;

    private DocumentSite(String host, String documentName, Map<String, Path> files) {
        this.host = host;
        this.documentName = documentName;
        this.files = files;
    }

    /** A site serving {@code document} under its own file name and each asset under its relative name. */
    static DocumentSite of(Path document, Map<String, Path> assets) {
        byte[] token = new byte[16];
        RANDOM.nextBytes(token);
        String name = document.getFileName().toString();
        Map<String, Path> files = new HashMap<>();
        assets.forEach((relative, file) -> files.put(relative.startsWith("/") ? relative.substring(1) : relative, file));
        files.put(name, document);
        return new DocumentSite("d" + HexFormat.of().formatHex(token) + DOMAIN, name, Map.copyOf(files));
    }

    String host() {
        return host;
    }

    /** The document's origin, as storage is keyed by. */
    String origin() {
        return "http://" + host;
    }

    /** The URL the browser opens. */
    URI documentUrl() {
        return URI.create("http://" + host + "/" + URLEncoder.encode(documentName, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** The file at {@code rawPath} (the request target's path, percent-encoded, query allowed). */
    Optional<Path> file(String rawPath) {
        String path = rawPath;
        int cut = indexOfAny(path, '?', '#');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        String name = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        name = name.startsWith("/") ? name.substring(1) : name;
        return Optional.ofNullable(files.get(name.isEmpty() ? documentName : name));
    }

    /** The document is HTML whatever its stored name (uploads are stored under ids); assets go by extension. */
    String contentType(Path file) {
        if (file.equals(files.get(documentName))) {
            return "text/html";
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
