package io.kiln.engine.pdf;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The files {@code form-data} writes a form's values as: Adobe's FDF, or its XML twin XFDF. */
enum FormDataFormat {
    XFDF, FDF;

    static final FormDataFormat DEFAULT = XFDF;
    static final List<String> NAMES = Arrays.stream(values()).map(FormDataFormat::ext).toList();

    /** The wire name, which is also the file extension. */
    String ext() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FormDataFormat of(String wire) {
        return valueOf(wire.trim().toUpperCase(Locale.ROOT));
    }
}
