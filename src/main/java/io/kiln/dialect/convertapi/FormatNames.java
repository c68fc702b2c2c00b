package io.kiln.dialect.convertapi;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** ConvertAPI's format and operation names in paths, translated to Kiln's. */
final class FormatNames {

    private static final Map<String, String> ALIASES = Map.of(
            "jpeg", "jpg", "tif", "tiff", "text", "txt", "htm", "html",
            "web", "url", "protect", "encrypt", "unprotect", "decrypt");
    /** Sources ConvertAPI uses for "whatever the files are": Kiln detects them. */
    private static final Set<String> DETECTED = Set.of("any", "images", "image");

    private FormatNames() {
    }

    /** The source format, or empty to detect it from the inputs. */
    static Optional<String> source(String name) {
        String n = normal(name);
        return DETECTED.contains(n) ? Optional.empty() : Optional.of(ALIASES.getOrDefault(n, n));
    }

    static String target(String name) {
        String n = normal(name);
        return ALIASES.getOrDefault(n, n);
    }

    private static String normal(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
