package io.kiln.job;

import java.util.Locale;

/** Client-supplied file names made safe to store and to send back in headers. */
public final class FileNames {

    private static final int MAX = 200;
    /** Longer than any real extension; the files table holds 32 characters of one. */
    private static final int MAX_EXTENSION = 16;

    private FileNames() {
    }

    /** The last path segment, without control characters or quotes, at most 200 characters. */
    public static String safe(String name, String fallback) {
        if (name == null) {
            return fallback;
        }
        String n = name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").trim();
        if (n.isEmpty() || n.equals(".") || n.equals("..")) {
            return fallback;
        }
        return n.length() > MAX ? n.substring(n.length() - MAX) : n;
    }

    /** The lower-case extension without the dot, or empty (also for one too long to be one: {@code a.xxx…}). */
    public static String extension(String name) {
        int dot = name == null ? -1 : name.lastIndexOf('.');
        String ext = dot < 0 || name.length() - dot - 1 > MAX_EXTENSION ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "jpeg" -> "jpg";
            case "tif" -> "tiff";
            case "htm" -> "html";
            case "markdown" -> "md";
            default -> ext;
        };
    }

    /** The name without its extension. */
    public static String base(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
