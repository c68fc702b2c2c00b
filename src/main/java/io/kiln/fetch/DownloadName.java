package io.kiln.fetch;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file name of a download: {@code Content-Disposition} first (RFC 6266, preferring the
 * {@code filename*} form), else the last segment of the URL's path, else {@code download}. The
 * name is reduced to a bare, printable name: it is the server's choice, so it must not be able to
 * carry a path.
 */
final class DownloadName {

    static final String FALLBACK = "download";
    private static final int MAX_LENGTH = 200;
    private static final Pattern EXTENDED = Pattern.compile(
            "(?i)(?:^|;)\\s*filename\\*\\s*=\\s*([\\w!#$&+.^`|~-]+)'[\\w-]*'([^;\\s]+)");
    private static final Pattern PLAIN = Pattern.compile(
            "(?i)(?:^|;)\\s*filename\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]+))");

    private DownloadName() {}

    static String of(String contentDisposition, URI url) {
        return fromHeader(contentDisposition)
                .or(() -> fromPath(url))
                .orElse(FALLBACK);
    }

    private static Optional<String> fromHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher extended = EXTENDED.matcher(header);
        if (extended.find()) {
            Optional<String> decoded = percentDecode(extended.group(2), extended.group(1)).flatMap(DownloadName::clean);
            if (decoded.isPresent()) {
                return decoded;
            }
        }
        Matcher plain = PLAIN.matcher(header);
        if (plain.find()) {
            String value = plain.group(1) != null ? plain.group(1).replaceAll("\\\\(.)", "$1") : plain.group(2);
            return clean(value);
        }
        return Optional.empty();
    }

    private static Optional<String> fromPath(URI url) {
        String path = url.getPath();
        return path == null ? Optional.empty() : clean(path);
    }

    private static Optional<String> percentDecode(String value, String charsetName) {
        try {
            Charset charset = Charset.forName(charsetName.toUpperCase(Locale.ROOT));
            // '+' is literal in RFC 5987 values; URLDecoder would turn it into a space.
            return Optional.of(URLDecoder.decode(value.replace("+", "%2B"), charset));
        } catch (IllegalArgumentException unknownCharsetOrBadEscape) {
            return Optional.empty();
        }
    }

    /** The last path segment, without control characters, or empty if nothing usable is left. */
    static Optional<String> clean(String raw) {
        String name = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}\"<>|?*:]", "").strip();
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
            return Optional.empty();
        }
        if (name.length() > MAX_LENGTH) {
            int dot = name.lastIndexOf('.');
            String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
            name = name.substring(0, MAX_LENGTH - extension.length()) + extension;
        }
        return Optional.of(name);
    }
}
