package io.kiln.engine;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An option an engine accepts: its name, type, allowed range or values and a one-line description
 * (shown by {@code GET /v1/formats}). {@link #check} returns what is wrong with a value, if anything.
 */
public record OptionSpec(String name, OptionType type, String description, List<String> values,
                         BigDecimal min, BigDecimal max) {

    public OptionSpec {
        values = values == null ? List.of() : List.copyOf(values);
    }

    public static OptionSpec string(String name, String description) {
        return new OptionSpec(name, OptionType.STRING, description, List.of(), null, null);
    }

    public static OptionSpec bool(String name, String description) {
        return new OptionSpec(name, OptionType.BOOLEAN, description, List.of(), null, null);
    }

    public static OptionSpec integer(String name, long min, long max, String description) {
        return new OptionSpec(name, OptionType.INTEGER, description, List.of(),
                BigDecimal.valueOf(min), BigDecimal.valueOf(max));
    }

    public static OptionSpec decimal(String name, double min, double max, String description) {
        return new OptionSpec(name, OptionType.DECIMAL, description, List.of(),
                BigDecimal.valueOf(min), BigDecimal.valueOf(max));
    }

    public static OptionSpec pages(String description) {
        return pages("pages", description);
    }

    /** A page-range option under another name (e.g. the pages page numbering skips). */
    public static OptionSpec pages(String name, String description) {
        return new OptionSpec(name, OptionType.PAGES, description, List.of(), null, null);
    }

    public static OptionSpec oneOf(String name, List<String> values, String description) {
        return new OptionSpec(name, OptionType.ENUM, description, values, null, null);
    }

    /** One or more of {@code values} joined by {@code +} (OCR languages: {@code eng+deu}), compared as given. */
    public static OptionSpec listOf(String name, List<String> values, String description) {
        return new OptionSpec(name, OptionType.ENUM_LIST, description, values, null, null);
    }

    /** Empty when {@code raw} is acceptable, else a sentence saying why not. */
    public Optional<String> check(String raw) {
        String v = raw == null ? "" : raw.trim();
        return switch (type) {
            case STRING -> Optional.empty();
            case BOOLEAN -> switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "false", "1", "0", "yes", "no" -> Optional.empty();
                default -> Optional.of(name + " must be true or false");
            };
            case INTEGER, DECIMAL -> checkNumber(v);
            case PAGES -> PageRanges.syntaxError(v).map(e -> name + ": " + e);
            case ENUM -> values.contains(v.toLowerCase(Locale.ROOT))
                    ? Optional.empty()
                    : Optional.of(name + " must be one of " + String.join(", ", values));
            case ENUM_LIST -> Arrays.stream(v.split("\\+", -1)).allMatch(values::contains)
                    ? Optional.empty()
                    : Optional.of(name + " must be one or more of " + String.join(", ", values) + ", joined by +");
        };
    }

    private Optional<String> checkNumber(String v) {
        BigDecimal n;
        try {
            n = new BigDecimal(v);
        } catch (NumberFormatException e) {
            return Optional.of(name + " must be a number");
        }
        if (type == OptionType.INTEGER && n.stripTrailingZeros().scale() > 0) {
            return Optional.of(name + " must be a whole number");
        }
        if ((min != null && n.compareTo(min) < 0) || (max != null && n.compareTo(max) > 0)) {
            return Optional.of(name + " must be between " + min.toPlainString() + " and " + max.toPlainString());
        }
        return Optional.empty();
    }
}
