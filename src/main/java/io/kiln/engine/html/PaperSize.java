package io.kiln.engine.html;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The named paper sizes the {@code paper} option takes, in inches (portrait). */
enum PaperSize {
    A3(11.69, 16.54),
    A4(8.27, 11.69),
    A5(5.83, 8.27),
    LETTER(8.5, 11),
    LEGAL(8.5, 14),
    TABLOID(11, 17);

    final double width;
    final double height;

    PaperSize(double width, double height) {
        this.width = width;
        this.height = height;
    }

    /** The option's values, lower-case. */
    static List<String> names() {
        return Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).toList();
    }

    static PaperSize of(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
