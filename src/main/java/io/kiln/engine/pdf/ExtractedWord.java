package io.kiln.engine.pdf;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One word of {@code pdf → text-json}: its text, its page (from 1) and its box in points from the
 * bottom left of the page's crop box, y upwards, as PDF measures it; with
 * {@code wordStyle} also its font and fill colour, else those are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ExtractedWord(String text, int page, double x, double y, double width, double height, Font font, Color color) {

    /** The font's name without a subset prefix ({@code ABCDEF+}), and its size in points. */
    record Font(String name, double size) {
    }

    /** The fill colour's space ({@code DeviceRGB}, {@code DeviceGray}, ...) and its components, 0 to 1. */
    record Color(String space, List<Double> values) {
    }
}
