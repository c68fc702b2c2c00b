package io.kiln.dialect.convertapi;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** ConvertAPI job ids are RFC 4122 UUIDs; they are kept lower-case so any spelling finds the job. */
final class JobIds {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private JobIds() {
    }

    /** The id in canonical (lower-case) form, or empty when it is not an RFC 4122 UUID. */
    static Optional<String> parse(String raw) {
        String id = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        return UUID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }
}
