package io.kiln.engine.pdf;

import io.kiln.engine.Options;
import java.util.OptionalDouble;

/**
 * How to draw an image on pages: where on the visible page (a placement, its margin, and an
 * {@code x}/{@code y} shift in points, right and up), its size in points (a width, a height, or
 * both; by default fitted into a share of the page, or with {@code fitPage} into the whole page inside its
 * margin, as an overlay is, keeping its proportions), opacity, rotation in degrees anticlockwise,
 * over or under the content, once or tiled.
 */
record ImageMark(Placement placement, double margin, double x, double y, OptionalDouble width,
                 OptionalDouble height, boolean fitPage, float opacity, double rotation, boolean under, boolean tiled) {

    /** Read over the operation's text defaults (placement, margin, opacity); an image is not turned unless asked. */
    static ImageMark of(Options o, TextMark.Defaults d) {
        return new ImageMark(o.string("position").map(Placement::of).orElse(d.placement()),
                o.decimal("margin", d.margin()), o.decimal("x", 0), o.decimal("y", 0),
                optional(o, "width"), optional(o, "height"), o.bool("fitPage", false), (float) o.decimal("opacity", d.opacity()),
                o.decimal("rotation", 0), o.string("layer").map(l -> l.equalsIgnoreCase("under")).orElse(false),
                o.bool("tiled", false));
    }

    private static OptionalDouble optional(Options o, String name) {
        return o.string(name).isPresent() ? OptionalDouble.of(o.decimal(name, 0)) : OptionalDouble.empty();
    }

    /** The drawn size in points of a picture of this height over width, on a page of {@code pageW × pageH}. */
    double[] size(double aspect, double pageW, double pageH, double share) {
        if (width.isPresent() && height.isPresent()) {
            return new double[] {width.getAsDouble(), height.getAsDouble()};
        }
        if (width.isPresent()) {
            return new double[] {width.getAsDouble(), width.getAsDouble() * aspect};
        }
        if (height.isPresent()) {
            return new double[] {height.getAsDouble() / aspect, height.getAsDouble()};
        }
        double w = fitPage ? Math.min(pageW - 2 * margin, (pageH - 2 * margin) / aspect)
                : Math.min(share * pageW, share * pageH / aspect);
        return new double[] {w, w * aspect};
    }
}
