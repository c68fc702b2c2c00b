package io.kiln.engine.pdf;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How hard {@code compress} works on images. The resolutions follow Ghostscript's presets
 * ({@code /printer} 300, {@code /ebook} 150, {@code /screen} 72 dpi), which is what the vendors'
 * presets are named after; an image is downsampled only when it is drawn at more than
 * {@link #THRESHOLD} times the target, as Ghostscript does, so a slight excess is not resampled for
 * nothing. {@code lossless} keeps every pixel and only packs the file. The default level's JPEG
 * quality is Ghostscript's {@code /ebook} QFactor 0.76 in IJG terms ((200 - 76) / 2 = 62): at 0.70 a
 * scanned page came out 11 % bigger than Ghostscript's, at 0.62 the same size.
 */
enum CompressionLevel {
    LOSSLESS(0, 0),
    LOW(300, 0.85f),
    MEDIUM(150, 0.62f),
    HIGH(72, 0.50f);

    static final CompressionLevel DEFAULT = MEDIUM;
    static final double THRESHOLD = 1.5;
    static final List<String> NAMES = Arrays.stream(values()).map(CompressionLevel::wire).toList();

    /** Target image resolution in dots per inch; 0 keeps the images as they are. */
    final int dpi;
    /** JPEG quality of recompressed photographs, 0 to 1. */
    final float quality;

    CompressionLevel(int dpi, float quality) {
        this.dpi = dpi;
        this.quality = quality;
    }

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CompressionLevel of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
