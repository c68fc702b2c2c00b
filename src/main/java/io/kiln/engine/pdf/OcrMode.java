package io.kiln.engine.pdf;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Which pages of {@code pdf → txt} are read by OCR rather than taken from the text layer. */
enum OcrMode {
    /** none: the text layer only, so a scanned page gives nothing */
    NEVER,
    /** the pages whose text layer is empty or only white space */
    AUTO,
    /** every page, whatever its text layer says */
    ALWAYS;

    static final OcrMode DEFAULT = NEVER;
    static final List<String> NAMES = Arrays.stream(values()).map(OcrMode::wire).toList();

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static OcrMode of(String wire) {
        return valueOf(wire.trim().toUpperCase(Locale.ROOT));
    }
}
