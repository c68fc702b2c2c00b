package io.kiln.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parsers for the value syntaxes settings use: durations ({@code 90s}, {@code 2h}) and sizes ({@code 1g}). */
final class Values {

    private Values() {
    }

    static boolean bool(String source, String v) {
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(source + ": '" + v + "' is not true or false");
        };
    }

    static Duration duration(String source, String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p")) {
                return positive(source, v, Duration.parse(s.toUpperCase(Locale.ROOT)));
            }
            int split = firstNonDigit(s);
            long n = Long.parseLong(s.substring(0, split));
            Duration d = switch (s.substring(split)) {
                case "ms" -> Duration.ofMillis(n);
                case "s", "" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
            return positive(source, v, d);
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new ConfigException(source + ": '" + v + "' is not a duration (use e.g. 90s, 30m, 2h)");
        }
    }

    private static Duration positive(String source, String v, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new ConfigException(source + ": '" + v + "' must be longer than zero");
        }
        return d;
    }

    /** {@code ""} (the root) or {@code /a/b}: segments of letters, digits, '-', '_' and '.', no trailing slash. */
    static String pathPrefix(String source, String v) {
        String s = v.strip();
        if (s.isEmpty() || s.equals("/")) {
            return "";
        }
        String trimmed = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        if (!trimmed.matches("(/[A-Za-z0-9._-]+)+") || trimmed.matches(".*/\\.{1,2}(/.*)?")) {
            throw new ConfigException(source + ": '" + v + "' is not a path prefix (use e.g. /convertapi)");
        }
        return trimmed;
    }

    static long size(String source, String v) {
        String s = v.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
        try {
            int split = firstNonDigit(s);
            long n = Long.parseLong(s.substring(0, split));
            long unit = switch (s.substring(split)) {
                case "" -> 1L;
                case "k" -> 1L << 10;
                case "m" -> 1L << 20;
                case "g" -> 1L << 30;
                default -> throw new NumberFormatException();
            };
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException | StringIndexOutOfBoundsException e) {
            throw new ConfigException(source + ": '" + v + "' is not a size (use e.g. 512m, 1g)");
        }
    }

    static int integer(String source, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(source + ": '" + v + "' must be a whole number from " + min + " to " + max);
        }
    }

    private static int firstNonDigit(String s) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new NumberFormatException();
        }
        return i;
    }
}
