package io.kiln.engine;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The options of one conversion, already validated against the engine's {@link OptionSpec}s.
 * Keys are option names as the engine declares them; values are raw strings read through typed
 * getters.
 */
public record Options(Map<String, String> values) {

    public static final Options NONE = new Options(Map.of());

    public Options {
        values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public Optional<String> string(String name) {
        return Optional.ofNullable(values.get(name)).map(String::trim).filter(s -> !s.isEmpty());
    }

    public boolean bool(String name, boolean fallback) {
        return string(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            default -> false;
        }).orElse(fallback);
    }

    public int integer(String name, int fallback) {
        return string(name).map(v -> new java.math.BigDecimal(v).intValueExact()).orElse(fallback);
    }

    public double decimal(String name, double fallback) {
        return string(name).map(Double::parseDouble).orElse(fallback);
    }

    /** The {@code pages} option, if given. */
    public Optional<String> pages() {
        return string("pages");
    }

    /** The {@code password} option (to open an encrypted source), if given. */
    public Optional<String> password() {
        return Optional.ofNullable(values.get("password"));
    }
}
