package io.kiln.engine.pdf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One line of a page (the words sharing a baseline), cut into segments: runs of words close enough
 * to be one cell's text. A gap of {@link #CELL_GAP_EMS} ems or more starts a new segment: a word space
 * is about a third of an em, and justified text rarely stretches one past two thirds.
 */
record TextRow(double baseline, List<Segment> segments) {

    static final double CELL_GAP_EMS = 1.0;
    /** Words whose baselines differ by less than this share a line (subscripts and superscripts do not). */
    static final double SAME_LINE_EMS = 0.5;

    /** Text that stands together on a line, from {@code left} to {@code right}. */
    record Segment(String text, double left, double right) {
    }

    /** The page's lines, top to bottom, each cut into segments from left to right. */
    static List<TextRow> of(List<PlacedWord> words) {
        List<PlacedWord> byBaseline = new ArrayList<>(words);
        byBaseline.sort(Comparator.comparingDouble(PlacedWord::baseline).thenComparingDouble(PlacedWord::left));
        List<TextRow> rows = new ArrayList<>();
        List<PlacedWord> line = new ArrayList<>();
        for (PlacedWord w : byBaseline) {
            if (!line.isEmpty() && w.baseline() - line.getFirst().baseline()
                    > SAME_LINE_EMS * Math.max(line.getFirst().size(), w.size())) {
                rows.add(row(line));
                line = new ArrayList<>();
            }
            line.add(w);
        }
        if (!line.isEmpty()) {
            rows.add(row(line));
        }
        return rows;
    }

    private static TextRow row(List<PlacedWord> line) {
        line.sort(Comparator.comparingDouble(PlacedWord::left));
        List<Segment> segments = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        PlacedWord first = null;
        PlacedWord previous = null;
        for (PlacedWord w : line) {
            if (previous != null && w.left() - previous.right() >= CELL_GAP_EMS * Math.max(previous.size(), w.size())) {
                segments.add(new Segment(text.toString(), first.left(), previous.right()));
                text.setLength(0);
                first = null;
            }
            if (first == null) {
                first = w;
            } else {
                text.append(' ');
            }
            text.append(w.text());
            previous = w;
        }
        segments.add(new Segment(text.toString(), first.left(), previous.right()));
        return new TextRow(line.getFirst().baseline(), List.copyOf(segments));
    }
}
