package io.kiln.dialect.convertapi;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** ConvertAPI's format and operation names in paths, translated to Kiln's. */
final class FormatNames {

    /**
     * ConvertAPI's names for what Kiln calls otherwise; {@code delete-pages} and {@code text-watermark}
     * as in ConvertAPI's .NET library and its converter list (docs/operations in the README).
     */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("jpeg", "jpg"), Map.entry("tif", "tiff"), Map.entry("text", "txt"), Map.entry("htm", "html"),
            Map.entry("web", "url"), Map.entry("protect", "encrypt"), Map.entry("unprotect", "decrypt"),
            Map.entry("delete-pages", "remove-pages"), Map.entry("text-watermark", "watermark"),
            Map.entry("fdf-extract", "form-data"), Map.entry("watermark-overlay", "watermark"));
    /**
     * Options a ConvertAPI converter name implies: {@code fdf-extract} (the .NET library's README,
     * "Extract Form Data") answers FDF, where Kiln's form-data defaults to XFDF; {@code watermark-overlay}
     * draws its {@code OverlayFile}'s page over the whole page.
     */
    private static final Map<String, Map<String, String>> IMPLIED = Map.of("fdf-extract", Map.of("format", "fdf"),
            // the .NET library's WatermarkPdf example: OverlayFile, a PDF laid over each page, Style, Opacity
            "watermark-overlay", Map.of("fitPage", "true", "margin", "0", "position", "center"));
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

    /** The Kiln options the converter's name stands for; empty for most. */
    static Map<String, String> impliedOptions(String target) {
        return IMPLIED.getOrDefault(normal(target), Map.of());
    }

    private static String normal(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
