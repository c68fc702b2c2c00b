package io.kiln.engine.pdf;

import io.kiln.engine.Options;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A line or lines of text to put on pages, and how: typeface, size in points, colour, opacity,
 * rotation in degrees (anticlockwise), where on the visible page, how far in from its edges and
 * shifted by {@code x}/{@code y} points (right and up),
 * over or under the page's content, once or tiled over the whole page. Read from a task's options
 * over the defaults of the operation that draws it.
 */
record TextMark(String text, MarkFonts font, float size, float[] rgb, float opacity, double rotation,
                Placement placement, double margin, double x, double y, boolean under, boolean tiled) {

    /** What an operation draws when the task does not say. */
    record Defaults(float size, String color, float opacity, double rotation, Placement placement, double margin) {
    }

    static final List<String> LAYERS = List.of("over", "under");
    private static final Pattern HEX = Pattern.compile("#?([0-9a-fA-F]{6})");
    static final int MAX_TEXT = 1_000;

    /** A placement's default turn: the operation's own at the centre (a watermark's diagonal), none elsewhere. */
    static double defaultRotation(Defaults d, Placement placement, boolean tiled) {
        return placement == Placement.CENTER || tiled ? d.rotation() : 0;
    }

    static TextMark of(Options o, Defaults d, String text) {
        if (text.isBlank()) {
            throw invalid("text: say what to write");
        }
        if (text.length() > MAX_TEXT) {
            throw invalid("text: longer than " + MAX_TEXT + " characters");
        }
        Placement placement = o.string("position").map(Placement::of).orElse(d.placement());
        boolean tiled = o.bool("tiled", false);
        return new TextMark(text.replace("\r\n", "\n"), MarkFonts.of(o.string("font").orElse("sans")),
                (float) o.decimal("fontSize", d.size()), rgb(o.string("color").orElse(d.color())),
                (float) o.decimal("opacity", d.opacity()), o.decimal("rotation", defaultRotation(d, placement, tiled)),
                placement, o.decimal("margin", d.margin()), o.decimal("x", 0), o.decimal("y", 0),
                o.string("layer").map(l -> l.equalsIgnoreCase("under")).orElse(false), tiled);
    }

    private static float[] rgb(String color) {
        var m = HEX.matcher(color.trim());
        if (!m.matches()) {
            throw invalid("color: '" + color + "' is not a colour as #RRGGBB, e.g. #FF0000");
        }
        int v = Integer.parseInt(m.group(1), 16);
        return new float[] {((v >> 16) & 0xFF) / 255f, ((v >> 8) & 0xFF) / 255f, (v & 0xFF) / 255f};
    }

    static ConversionFailed invalid(String message) {
        return new ConversionFailed(ErrorCode.INVALID_OPTION, message);
    }
}
