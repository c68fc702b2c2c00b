package io.kiln.engine.html;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FSFontUseCase;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The installed fonts openhtmltopdf is given, found once by file name under a fonts directory
 * (Debian's {@code fonts-liberation}, {@code fonts-dejavu-core}, {@code fonts-noto-core},
 * {@code fonts-droid-fallback}). Two roles: the CSS generic families ({@code serif}, {@code sans-serif},
 * {@code monospace}) and their usual names (Arial, Times New Roman, Courier New) map to Liberation,
 * whose metrics match; and a short ordered list of fallbacks gives every character some real glyph —
 * openhtmltopdf picks, per character, the first font that has it. Only TrueType outlines: PDFBox cannot
 * subset CFF fonts, which is why Noto CJK (CFF) is not used and Droid Sans Fallback covers CJK.
 * Missing files are skipped.
 */
final class SystemFonts {

    private record Face(String file, List<String> families, int weight, FontStyle style, FSFontUseCase use) {
    }

    private static final List<Face> FACES = faces();

    private final List<Face> present;
    private final Map<Face, Path> paths;

    private SystemFonts(Map<Face, Path> paths) {
        this.paths = Map.copyOf(paths);
        this.present = FACES.stream().filter(paths::containsKey).toList();
    }

    static SystemFonts scan(Path dir) {
        Map<String, Path> byFile = new HashMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir, 5)) {
                files.filter(Files::isRegularFile).forEach(p -> byFile.putIfAbsent(p.getFileName().toString(), p));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list fonts in " + dir, e);
            }
        }
        Map<Face, Path> paths = new HashMap<>();
        FACES.forEach(f -> {
            Path p = byFile.get(f.file());
            if (p != null) {
                paths.put(f, p);
            }
        });
        return new SystemFonts(paths);
    }

    /** How many font files were found. */
    int count() {
        return present.size();
    }

    /** Offers every font found to one render; each is read only if the page uses it. */
    void register(PdfRendererBuilder builder) {
        for (Face f : present) {
            for (String family : f.families()) {
                builder.useFont(paths.get(f).toFile(), family, f.weight(), f.style(), true, EnumSet.of(f.use()));
            }
        }
    }

    private static List<Face> faces() {
        List<Face> all = new ArrayList<>();
        four(all, "LiberationSerif", "Regular", "Bold", "Italic", "BoldItalic", FSFontUseCase.DOCUMENT,
                "serif", "Times New Roman", "Times", "Liberation Serif");
        four(all, "LiberationSans", "Regular", "Bold", "Italic", "BoldItalic", FSFontUseCase.DOCUMENT,
                "sans-serif", "Arial", "Helvetica", "Liberation Sans");
        four(all, "LiberationMono", "Regular", "Bold", "Italic", "BoldItalic", FSFontUseCase.DOCUMENT,
                "monospace", "Courier New", "Courier", "Liberation Mono");
        four(all, "DejaVuSans", "", "Bold", "Oblique", "BoldOblique", FSFontUseCase.DOCUMENT, "DejaVu Sans");
        four(all, "DejaVuSerif", "", "Bold", "Italic", "BoldItalic", FSFontUseCase.DOCUMENT, "DejaVu Serif");
        four(all, "DejaVuSansMono", "", "Bold", "Oblique", "BoldOblique", FSFontUseCase.DOCUMENT, "DejaVu Sans Mono");
        four(all, "NotoSans", "Regular", "Bold", "Italic", "BoldItalic", FSFontUseCase.DOCUMENT, "Noto Sans");
        // fallbacks, in the order they are tried for a character the page's fonts lack
        four(all, "NotoSans", "Regular", "Bold", "Italic", "BoldItalic", FSFontUseCase.FALLBACK_PRE, "Noto Sans");
        two(all, "NotoSansArabic", "Noto Sans Arabic");
        two(all, "NotoSansHebrew", "Noto Sans Hebrew");
        all.add(new Face("DroidSansFallbackFull.ttf", List.of("Droid Sans Fallback"), 400, FontStyle.NORMAL,
                FSFontUseCase.FALLBACK_PRE));
        four(all, "DejaVuSans", "", "Bold", "Oblique", "BoldOblique", FSFontUseCase.FALLBACK_PRE, "DejaVu Sans");
        for (String script : List.of("Devanagari", "Bengali", "Tamil", "Thai", "Khmer", "Armenian", "Georgian",
                "Ethiopic", "Symbols", "Symbols2", "Math")) {
            all.add(new Face("NotoSans" + script + "-Regular.ttf", List.of("Noto Sans " + script), 400,
                    FontStyle.NORMAL, FSFontUseCase.FALLBACK_PRE));
        }
        return List.copyOf(all);
    }

    private static void two(List<Face> all, String base, String family) {
        all.add(new Face(base + "-Regular.ttf", List.of(family), 400, FontStyle.NORMAL, FSFontUseCase.FALLBACK_PRE));
        all.add(new Face(base + "-Bold.ttf", List.of(family), 700, FontStyle.NORMAL, FSFontUseCase.FALLBACK_PRE));
    }

    private static void four(List<Face> all, String base, String regular, String bold, String italic,
                             String boldItalic, FSFontUseCase use, String... families) {
        List<String> names = List.of(families);
        all.add(new Face(file(base, regular), names, 400, FontStyle.NORMAL, use));
        all.add(new Face(file(base, bold), names, 700, FontStyle.NORMAL, use));
        all.add(new Face(file(base, italic), names, 400, FontStyle.ITALIC, use));
        all.add(new Face(file(base, boldItalic), names, 700, FontStyle.ITALIC, use));
    }

    private static String file(String base, String style) {
        return base + (style.isEmpty() ? "" : "-" + style) + ".ttf";
    }
}
