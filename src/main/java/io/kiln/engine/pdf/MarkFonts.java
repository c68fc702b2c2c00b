package io.kiln.engine.pdf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The typefaces marks are written in: DejaVu (Debian's {@code fonts-dejavu-core}, which the launcher
 * installs), embedded as a subset so that any text it covers shows the same everywhere and an
 * embedded font keeps PDF/A outputs valid; without it, the standard Helvetica, Times or Courier,
 * which cover Latin text only.
 */
enum MarkFonts {
    SANS("DejaVuSans.ttf", Standard14Fonts.FontName.HELVETICA),
    SERIF("DejaVuSerif.ttf", Standard14Fonts.FontName.TIMES_ROMAN),
    MONO("DejaVuSansMono.ttf", Standard14Fonts.FontName.COURIER);

    static final List<String> NAMES = List.of("sans", "serif", "mono");
    private static final Path DIR = Path.of("/usr/share/fonts/truetype/dejavu");

    private final String file;
    private final Standard14Fonts.FontName fallback;

    MarkFonts(String file, Standard14Fonts.FontName fallback) {
        this.file = file;
        this.fallback = fallback;
    }

    static MarkFonts of(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    /** The font, loaded into {@code doc} (once per document: the caller keeps it). */
    PDFont load(PDDocument doc) throws IOException {
        Path ttf = DIR.resolve(file);
        return Files.isRegularFile(ttf) ? PDType0Font.load(doc, ttf.toFile()) : new PDType1Font(fallback);
    }
}
