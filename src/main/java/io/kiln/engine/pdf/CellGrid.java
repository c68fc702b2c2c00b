package io.kiln.engine.pdf;

import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A page's text as cells: one spreadsheet row per line, and columns found where the page's
 * tabular lines (those of two segments or more) leave the same vertical strips empty.
 *
 * <p>Segments of tabular lines that overlap across are one cluster (a segment spanning two is left
 * out of them, see {@link #clusters}). Neighbouring clusters that never
 * share a line are one column: in a table whose text is left-aligned and whose numbers are
 * right-aligned, a column's words and its numbers overlap nowhere, yet never stand side by side.
 * Lines of one segment (titles, running text) do not shape the columns; like every segment, each
 * goes into the last column that starts at or before it.
 */
final class CellGrid {

    /** The widest sheet a spreadsheet program opens (Excel's 16,384 columns, XFD). */
    static final int MAX_COLUMNS = 16_384;

    /** One cell: 0-based row and column, and its text. */
    record Cell(int row, int column, String text) {
    }

    /** Lines' segments overlapping across: their span and the lines they are on. */
    private static final class Strip {
        double left;
        double right;
        final BitSet rows = new BitSet();

        Strip(double left, double right) {
            this.left = left;
            this.right = right;
        }
    }

    private CellGrid() {
    }

    /** The cells of {@code rows}: a line a spreadsheet row, in order, its segments left to right. */
    static List<Cell> of(List<TextRow> rows) {
        double[] columnStarts = columns(rows);
        List<Cell> cells = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            Map<Integer, StringBuilder> texts = new LinkedHashMap<>();
            for (TextRow.Segment s : rows.get(r).segments()) {
                StringBuilder text = texts.computeIfAbsent(columnOf(columnStarts, s.left()), c -> new StringBuilder());
                text.append(text.isEmpty() ? "" : " ").append(s.text());
            }
            int row = r;
            texts.forEach((column, text) -> cells.add(new Cell(row, column, text.toString())));
        }
        return cells;
    }

    /** Where each column starts, left to right; none when no line has two segments. */
    private static double[] columns(List<TextRow> rows) {
        List<Strip> clusters = clusters(rows);
        List<Strip> columns = new ArrayList<>();
        for (Strip s : clusters) {
            Strip current = columns.isEmpty() ? null : columns.getLast();
            if (current != null && !current.rows.intersects(s.rows)) {
                current.right = Math.max(current.right, s.right);
                current.rows.or(s.rows);
            } else {
                columns.add(s);
            }
        }
        if (columns.size() > MAX_COLUMNS) {
            throw new ConversionFailed(ErrorCode.DOCUMENT_TOO_LARGE, "A page's text falls into " + columns.size()
                    + " columns; a sheet holds at most " + MAX_COLUMNS + ".");
        }
        return columns.stream().mapToDouble(c -> c.left).toArray();
    }

    /**
     * The tabular lines' segments, merged where they overlap across, left to right. The narrowest come
     * first, and a segment that overlaps two strips already found spans them (a heading over two
     * columns, a line of running text beside a table) and shapes none: it would close the gap between them.
     */
    private static List<Strip> clusters(List<TextRow> rows) {
        List<Strip> spans = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).segments().size() < 2) {
                continue;
            }
            for (TextRow.Segment s : rows.get(r).segments()) {
                Strip strip = new Strip(s.left(), s.right());
                strip.rows.set(r);
                spans.add(strip);
            }
        }
        spans.sort(Comparator.comparingDouble(s -> s.right - s.left));
        TreeMap<Double, Strip> byLeft = new TreeMap<>(); // disjoint strips, by where they start
        for (Strip s : spans) {
            List<Strip> overlapped = new ArrayList<>(2);
            for (var e = byLeft.floorEntry(s.right); e != null && e.getValue().right >= s.left && overlapped.size() < 2;
                 e = byLeft.lowerEntry(e.getKey())) {
                overlapped.add(e.getValue());
            }
            if (overlapped.isEmpty()) {
                byLeft.put(s.left, s);
            } else if (overlapped.size() == 1) {
                Strip into = overlapped.getFirst();
                byLeft.remove(into.left);
                into.left = Math.min(into.left, s.left);
                into.right = Math.max(into.right, s.right);
                into.rows.or(s.rows);
                byLeft.put(into.left, into);
            }
        }
        return new ArrayList<>(byLeft.values());
    }

    /** The last column starting at or before {@code left}; the first when none does. */
    private static int columnOf(double[] starts, double left) {
        int found = Arrays.binarySearch(starts, left);
        int column = found >= 0 ? found : -found - 2; // not found: the one before the insertion point
        return Math.max(column, 0);
    }
}
