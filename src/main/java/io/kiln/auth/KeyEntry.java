package io.kiln.auth;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** One line of the keys file: {@code <sha256-hex> <tenant> [credits]}. */
record KeyEntry(String hash, String tenant, OptionalLong credits) {

    /** Tenants become parts of storage paths and log lines, so they stay plain. */
    static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    KeyEntry {
        if (!KeyHash.isHash(hash)) {
            throw new IllegalArgumentException("the first field is not a SHA-256 hash in hex (64 characters);"
                    + " keys are stored hashed, never in clear");
        }
        hash = hash.toLowerCase(Locale.ROOT);
        requireTenant(tenant);
        if (credits.isPresent() && credits.getAsLong() < 0) {
            throw new IllegalArgumentException("credits must not be negative");
        }
    }

    static void requireTenant(String tenant) {
        if (!TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException("tenant '" + tenant + "' must be 1-64 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit");
        }
    }

    Principal principal() {
        return new Principal(tenant, hash.substring(0, 8), credits);
    }

    String line() {
        return hash + " " + tenant + (credits.isPresent() ? " " + credits.getAsLong() : "");
    }
}
