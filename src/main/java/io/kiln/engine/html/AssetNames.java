package io.kiln.engine.html;

import java.util.Locale;

/**
 * The one way a supporting file's name is written, so that what the client called it and what the page
 * asks for ({@code ./img/Logo.png}, {@code /img/Logo.png}, {@code img\Logo.png}) meet.
 */
final class AssetNames {

    private AssetNames() {
    }

    /** {@code name} with forward slashes, no leading {@code ./} or {@code /}, and {@code .} and {@code ..} removed; empty if nothing is left. */
    static String normalize(String name) {
        String[] parts = name.replace('\\', '/').split("/");
        StringBuilder out = new StringBuilder();
        java.util.ArrayDeque<String> kept = new java.util.ArrayDeque<>();
        for (String p : parts) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                kept.pollLast();
            } else {
                kept.addLast(p);
            }
        }
        kept.forEach(p -> out.append(out.isEmpty() ? "" : "/").append(p));
        return out.toString();
    }

    /** The last segment of a normalized name, lower-cased, for a match that ignores folders and case. */
    static String loose(String normalized) {
        return normalized.substring(normalized.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }
}
