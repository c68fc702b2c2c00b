package io.kiln.engine.pdf;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where on the visible page a mark sits: a corner, an edge's middle, or the centre. Each says how
 * the mark's box aligns to its anchor point ({@code 0} left or bottom, {@code 0.5} middle,
 * {@code 1} right or top), and on which side the margin keeps it off the edge.
 */
enum Placement {
    TOP_LEFT(0, 1), TOP(0.5, 1), TOP_RIGHT(1, 1),
    LEFT(0, 0.5), CENTER(0.5, 0.5), RIGHT(1, 0.5),
    BOTTOM_LEFT(0, 0), BOTTOM(0.5, 0), BOTTOM_RIGHT(1, 0);

    /** The wire names: {@code top-left}, {@code center}, ... */
    static final List<String> NAMES = Arrays.stream(values()).map(Placement::wire).toList();

    final double alignX;
    final double alignY;

    Placement(double alignX, double alignY) {
        this.alignX = alignX;
        this.alignY = alignY;
    }

    String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Placement of(String wire) {
        return valueOf(wire.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** The anchor's x on a visible width, {@code margin} in from the edge it hugs. */
    double anchorX(double width, double margin) {
        return margin + alignX * (width - 2 * margin);
    }

    double anchorY(double height, double margin) {
        return margin + alignY * (height - 2 * margin);
    }
}
