package io.kiln.engine.pdf;

/**
 * A word as the text stripper found it, where it stands on the page as read (after the page's
 * rotation): {@code left} and {@code right} across, {@code baseline} down from the top, all in
 * points, and {@code size} its font size in points, the unit its gaps are judged in.
 */
record PlacedWord(String text, double left, double right, double baseline, double size) {
}
