package io.kiln.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the file name out of a {@code Content-Disposition} header (RFC 6266, incl. {@code filename*}). */
public final class ContentDisposition {

    private static final Pattern EXTENDED = Pattern.compile("filename\\*\\s*=\\s*(?:UTF-8|utf-8)''([^;]+)");
    private static final Pattern PLAIN = Pattern.compile("filename\\s*=\\s*(\"([^\"]*)\"|[^;]+)");

    private ContentDisposition() {
    }

    public static Optional<String> filename(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher ext = EXTENDED.matcher(header);
        if (ext.find()) {
            try {
                return Optional.of(URLDecoder.decode(ext.group(1).trim(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                // an escape that is none (%zz): no name from filename*, perhaps one from filename
            }
        }
        Matcher plain = PLAIN.matcher(header);
        if (plain.find()) {
            String v = plain.group(2) != null ? plain.group(2) : plain.group(1).trim();
            return v.isBlank() ? Optional.empty() : Optional.of(v);
        }
        return Optional.empty();
    }
}
