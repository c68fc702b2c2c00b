package io.kiln.engine.pdf;

import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What goes on one page, in its user space: the glyphs the text search matched, the boxes around
 * those matches, and the client's areas. A glyph goes when it was matched, when its centre lies in a
 * match's box (a second copy of it, a merged accent), or when it touches an area at all.
 */
record PageRedactions(Set<PlacedGlyph.Key> matched, List<Rectangle2D> matchBoxes, List<Rectangle2D> areas) {

    PageRedactions {
        matched = Set.copyOf(matched);
        matchBoxes = List.copyOf(matchBoxes);
        areas = List.copyOf(areas);
    }

    boolean isEmpty() {
        return matched.isEmpty() && matchBoxes.isEmpty() && areas.isEmpty();
    }

    List<Rectangle2D> boxes() {
        List<Rectangle2D> all = new ArrayList<>(matchBoxes);
        all.addAll(areas);
        return all;
    }

    boolean removes(PlacedGlyph glyph) {
        if (matched.contains(glyph.key())) {
            return true;
        }
        for (Rectangle2D box : matchBoxes) {
            if (box.contains(glyph.centerX(), glyph.centerY())) {
                return true;
            }
        }
        for (Rectangle2D area : areas) {
            if (area.intersects(glyph.box()) || area.contains(glyph.centerX(), glyph.centerY())) {
                return true;
            }
        }
        return false;
    }

    /** The boxes that overlap {@code placed} (an image's outline on the page). */
    List<Rectangle2D> boxesOver(Shape placed) {
        return boxes().stream().filter(placed::intersects).toList();
    }
}
