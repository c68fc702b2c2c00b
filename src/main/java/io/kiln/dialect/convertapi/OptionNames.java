package io.kiln.dialect.convertapi;

import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns ConvertAPI's converter parameters into Kiln options: a few by name ({@code PageRange} →
 * {@code pages}, {@code FileName} → {@code name}, …), any other whose name is an option of the
 * conversion as it is. The rest are dropped and reported, never refused: ConvertAPI clients send
 * parameters (e.g. {@code PdfVersion}) that Kiln has no use for.
 */
final class OptionNames {

    /** Parameters that steer the request rather than the conversion. */
    static final Set<String> CONTROL = Set.of("secret", "token", "file", "files", "url", "overlayfile", "storefile",
            "async", "jobid", "webhook");

    /** ConvertAPI parameter (lower-case) → Kiln option. */
    private static final Map<String, String> MAPPED = Map.ofEntries(
            Map.entry("pagerange", "pages"), Map.entry("password", "password"), Map.entry("filename", "name"),
            Map.entry("timeout", "timeout"), Map.entry("imageresolution", "dpi"), Map.entry("jpgquality", "quality"),
            Map.entry("imagequality", "quality"),
            Map.entry("userpassword", "userPassword"), Map.entry("ownerpassword", "ownerPassword"),
            Map.entry("rotatepage", "angle"),
            // metadata on pdf → pdf (ConvertAPI's .NET library: "Remove Metadata" sends these)
            Map.entry("pdftitle", "title"), Map.entry("pdfsubject", "subject"), Map.entry("pdfauthor", "author"),
            Map.entry("pdfcreator", "creator"), Map.entry("pdfkeywords", "keywords"));

    /** Parameters whose blank value means "remove it" rather than "not given". */
    private static final Set<String> BLANK_CLEARS = Set.of("pdftitle", "pdfsubject", "pdfauthor", "pdfcreator", "pdfkeywords");

    /**
     * ConvertAPI's compress {@code Preset} (named after Ghostscript's) → Kiln's {@code level}: {@code none}
     * and {@code archive} keep every pixel, {@code printer} is 300 dpi, {@code web} and {@code ebook}
     * 150, {@code text} and {@code screen} 72.
     */
    private static final Map<String, String> PRESETS = Map.of("none", "lossless", "archive", "lossless",
            "printer", "low", "web", "medium", "ebook", "medium", "text", "high", "screen", "high");

    /** ConvertAPI's alignment pair, which Kiln's one {@code position} takes together. */
    private static final Set<String> ALIGNMENT = Set.of("verticalalignment", "horizontalalignment");

    /** Options every conversion takes; the only ones passed on when the conversion is not known yet. */
    private static final Set<String> UNIVERSAL = Set.of("name", "timeout");

    /** The options to send, and the parameters (as spelled) that were dropped. */
    record Mapped(Map<String, String> options, List<String> ignored) {
    }

    private OptionNames() {
    }

    /** @param accepted the options of the conversion, empty when it is not known before converting */
    static Mapped map(Parameters params, Optional<Set<String>> accepted) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        boolean positions = accepted.map(a -> a.contains("position")).orElse(false);
        for (String name : params.names()) {
            // a blank metadata value removes the entry (ConvertAPI's "remove metadata" recipe sends blanks)
            Optional<String> value = params.text(name).or(() -> BLANK_CLEARS.contains(name) ? Optional.of("") : Optional.empty());
            if (CONTROL.contains(name) || value.isEmpty() || (positions && ALIGNMENT.contains(name))) {
                continue;
            }
            if (name.equals("opacity") && accepted.map(a -> a.contains("opacity")).orElse(false)) {
                options.put("opacity", percentOf(value.get())); // ConvertAPI counts opacity 0–100, Kiln 0–1
                continue;
            }
            if (name.equals("pdfaversion") && accepted.map(a -> a.contains("level")).orElse(false)) {
                options.put("level", pdfaVersion(value.get()));
                continue;
            }
            if (name.equals("style") && accepted.map(a -> a.contains("layer")).orElse(false)) {
                options.put("layer", style(value.get()));
                continue;
            }
            if (name.equals("preset") && accepted.map(a -> a.contains("level")).orElse(false)) {
                options.put("level", preset(value.get()));
                continue;
            }
            String option = MAPPED.getOrDefault(name, accepted.flatMap(a -> a.stream()
                    .filter(o -> o.equalsIgnoreCase(name)).findFirst()).orElse(null));
            boolean takes = option != null && accepted.map(a -> a.contains(option)).orElse(UNIVERSAL.contains(option));
            if (takes) {
                options.put(option, value.get());
            } else {
                ignored.add(params.spelled(name));
            }
        }
        if (positions) {
            position(params).ifPresent(p -> options.put("position", p));
        }
        return new Mapped(options, ignored);
    }

    /** {@code VerticalAlignment} (top, center, bottom) and {@code HorizontalAlignment} (left, center, right) as one position. */
    private static Optional<String> position(Parameters params) {
        Optional<String> v = params.text("verticalalignment").map(s -> s.trim().toLowerCase(java.util.Locale.ROOT));
        Optional<String> h = params.text("horizontalalignment").map(s -> s.trim().toLowerCase(java.util.Locale.ROOT));
        if (v.isEmpty() && h.isEmpty()) {
            return Optional.empty();
        }
        String vertical = v.filter(s -> !s.equals("center") && !s.equals("middle")).orElse("");
        String horizontal = h.filter(s -> !s.equals("center")).orElse("");
        String joined = vertical.isEmpty() || horizontal.isEmpty() ? vertical + horizontal : vertical + "-" + horizontal;
        return Optional.of(joined.isEmpty() ? "center" : joined);
    }

    /**
     * {@code PdfaVersion} on pdf → pdfa: ConvertAPI's libraries send {@code pdfa2} (the .NET README);
     * {@code pdfa1}…{@code pdfa3} are the b levels, a trailing {@code b} or {@code u} names the
     * conformance, {@code pdfa} alone is Kiln's default. The accessible "a" conformance needs a
     * tagged source, which Kiln cannot make, and is refused.
     */
    private static String pdfaVersion(String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)(?:pdf/?-?a-?)?([123])([abu]?)").matcher(value.trim());
        if (value.trim().equalsIgnoreCase("pdfa")) {
            return "2b";
        }
        if (!m.matches() || m.group(2).equalsIgnoreCase("a") || (m.group(1).equals("1") && m.group(2).equalsIgnoreCase("u"))) {
            throw new RequestRejected(ErrorCode.INVALID_OPTION, "PdfaVersion must be one of pdfa1, pdfa2, pdfa3"
                    + " (b conformance; pdfa2u and pdfa3u for Unicode), not '" + value + "'");
        }
        return m.group(1) + (m.group(2).isEmpty() ? "b" : m.group(2).toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * {@code Style} of {@code watermark-overlay}: {@code stamp} lays the overlay over the content,
     * {@code watermark} under it (the .NET library's WatermarkPdf example sends stamp).
     */
    private static String style(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "stamp" -> "over";
            case "watermark" -> "under";
            default -> throw ConvertApiFailure.invalid("Style", "must be stamp or watermark");
        };
    }

    private static String preset(String value) {
        String level = PRESETS.get(value.trim().toLowerCase(java.util.Locale.ROOT));
        if (level == null) {
            throw new RequestRejected(ErrorCode.INVALID_OPTION, "Preset must be one of "
                    + String.join(", ", new TreeSet<>(PRESETS.keySet())) + ", not '" + value + "'");
        }
        return level;
    }

    private static String percentOf(String value) {
        try {
            return java.math.BigDecimal.valueOf(Double.parseDouble(value.trim()) / 100).toPlainString();
        } catch (NumberFormatException e) {
            return value; // refused as the option's own check would refuse it
        }
    }
}
