package io.kiln.engine.pdf;

import static io.kiln.engine.pdf.PdfTasks.convert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Poppler;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * redact, checked with a second reader: pdftotext no longer finds what was removed anywhere in the
 * file, finds the words beside it where they were, the image's own pixels under an area are painted,
 * and qpdf finds the output sound.
 */
class RedactionTest {

    private static final String FOUR = "pdf/pdflatex-4-pages.pdf";
    private static final String IMAGE = "pdf/pdflatex-image.pdf";
    private static final String CWEB = "pdf/cweb.pdf";
    private static final String FORM = "pdf/pdflatex-forms.pdf";
    private static final Pattern WORD = Pattern.compile(
            "<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"[\\d.]+\" yMax=\"[\\d.]+\">([^<]*)</word>");

    @TempDir
    Path work;

    @Test
    void aWordGoesEverywhereWhileItsNeighboursStayWhereTheyWere() throws Exception {
        ProducedFile out = convert(work, "redact", Map.of("text", "huardest"), FOUR).getFirst();
        assertThat(Poppler.text(Corpus.file(FOUR))).contains("Huardest");
        assertThat(Poppler.text(out.path())).as("every occurrence, whatever its case").doesNotContainIgnoringCase("huardest");
        assertThat(PdfTasks.pages(out)).isEqualTo(4);
        for (int p = 1; p <= 4; p++) {
            assertThat(Poppler.pageText(out.path(), p)).as("page %d keeps the next word", p)
                    .contains("gefburn", "nonsense like", "Kjift");
        }
        // the word after the removed one is still where it was: the glyph's advance stayed as a displacement
        assertThat(firstWord(out.path(), "gefburn")).isEqualTo(firstWord(Corpus.file(FOUR), "gefburn"));
        assertClean(out.path());
    }

    @Test
    void aPreviewMarksWithoutRemovingAndALaterRedactAppliesTheMarks() throws Exception {
        ProducedFile preview = convert(work, "redact", Map.of("text", "huardest", "preview", "true"), FOUR).getFirst();
        assertThat(Poppler.text(preview.path())).as("nothing removed yet").containsIgnoringCase("huardest");
        int marks = 0;
        try (PDDocument doc = Loader.loadPDF(preview.path().toFile())) {
            for (var page : doc.getPages()) {
                marks += (int) page.getAnnotations().stream().filter(a -> "Redact".equals(a.getSubtype())).count();
            }
        }
        assertThat(marks).as("one mark per occurrence on the four pages").isGreaterThanOrEqualTo(4);

        ProducedFile applied = convert(work.resolve("applied"), "redact", Map.of(), preview.path()).getFirst();
        assertThat(Poppler.text(applied.path())).doesNotContainIgnoringCase("huardest");
        assertThat(Poppler.pageText(applied.path(), 1)).contains("gefburn", "nonsense like", "Kjift");
        assertThat(firstWord(applied.path(), "gefburn")).isEqualTo(firstWord(Corpus.file(FOUR), "gefburn"));
        try (PDDocument doc = Loader.loadPDF(applied.path().toFile())) {
            for (var page : doc.getPages()) {
                assertThat(page.getAnnotations()).noneMatch(a -> "Redact".equals(a.getSubtype()));
            }
        }
        assertClean(applied.path());
        assertThatThrownBy(() -> convert(work.resolve("none"), "redact", Map.of(), FOUR))
                .isInstanceOfSatisfying(ConversionFailed.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION))
                .hasMessageContaining("no redaction marks");
    }

    @Test
    void aRegularExpressionRemovesWhatItMatches() throws Exception {
        ProducedFile out = convert(work, "redact", Map.of("regex", "[\\w.+-]+@+[\\w-]+(\\.[\\w-]+)+"), CWEB).getFirst();
        assertThat(Poppler.text(Corpus.file(CWEB))).contains("levy@math.berkeley.edu");
        String text = Poppler.text(out.path());
        assertThat(text).doesNotContain("berkeley.edu").doesNotContain("levy@");
        assertThat(Poppler.pageText(out.path(), 2)).contains("should be sent to Levy");
        assertThat(PdfTasks.pages(out)).isEqualTo(28);
        assertClean(out.path());
    }

    @Test
    void severalLiteralsAndAPhraseThatWrapsAreAllRemoved() throws Exception {
        ProducedFile out = convert(work, "redact", Map.of("text", "[\"Kjift\",\"blind text\"]", "caseSensitive", "true"),
                FOUR).getFirst();
        String text = Poppler.text(out.path());
        assertThat(text).doesNotContain("Kjift").doesNotContain("blind text");
        assertThat(text).contains("not at all!", "A ", "like this gives");
    }

    @Test
    void anAreaOverAnImagePaintsTheImagesOwnPixels() throws Exception {
        // the image is drawn 300 × 200 pt at 1 pixel a point, its top left 147.6 pt in and 229.3 pt down
        ProducedFile out = convert(work, "redact", Map.of("areas",
                "[{\"page\":1,\"x\":200,\"y\":260,\"width\":100,\"height\":60}]", "color", "#FF0000"), IMAGE).getFirst();
        BufferedImage before = onlyImage(Corpus.file(IMAGE));
        BufferedImage after = onlyImage(out.path());
        assertThat(after.getWidth()).isEqualTo(before.getWidth());
        // inside: x 53..152, y 31..91 in pixels
        for (int y = 34; y < 88; y += 3) {
            for (int x = 56; x < 149; x += 3) {
                int rgb = after.getRGB(x, y);
                assertThat(red(rgb)).as("(%d, %d) painted", x, y).isGreaterThan(230);
                assertThat(green(rgb) + blue(rgb)).as("(%d, %d) painted", x, y).isLessThan(40);
            }
        }
        double outside = 0;
        int n = 0;
        for (int y = 100; y < 200; y += 2) {
            for (int x = 0; x < 300; x += 2) {
                outside += Math.abs(green(after.getRGB(x, y)) - green(before.getRGB(x, y)));
                n++;
            }
        }
        assertThat(outside / n).as("mean change outside the area (JPEG encoded again)").isLessThan(4);
        assertThat(Poppler.text(out.path())).contains("Lorem ipsum dolor sit amet");
        assertClean(out.path());
    }

    @Test
    void anAreaOverTextRemovesTheTextInItOnly() throws Exception {
        // the first line of page 1 of FOUR, as pdftotext -bbox gives it
        List<double[]> hello = words(Corpus.file(FOUR), 1, "Hello,");
        double[] first = hello.getFirst();
        ProducedFile out = convert(work, "redact", Map.of("areas", String.format(java.util.Locale.ROOT,
                "[{\"page\":1,\"x\":%.2f,\"y\":%.2f,\"width\":30,\"height\":6}]", first[0], first[1] + 2)),
                FOUR).getFirst();
        assertThat(words(out.path(), 1, "Hello,")).as("the word in the area").hasSize(hello.size() - 1);
        assertThat(Poppler.pageText(out.path(), 1)).contains("here is some text without a meaning");
        assertThat(Poppler.pageText(out.path(), 2)).as("another page").isEqualTo(Poppler.pageText(Corpus.file(FOUR), 2));
    }

    @Test
    void textInAFormOnThePageIsRemovedToo() throws Exception {
        ProducedFile flat = convert(work.resolve("flat"), "fill-form", Map.of("fields", "{\"Name\":\"Grace Hopper\"}",
                "flatten", "true"), Corpus.file(FORM)).getFirst();
        assertThat(Poppler.text(flat.path())).contains("Grace Hopper");
        ProducedFile out = convert(work.resolve("redacted"), "redact", Map.of("text", "Hopper"), flat.path()).getFirst();
        assertThat(Poppler.text(out.path())).contains("Grace").doesNotContain("Hopper");
        assertClean(out.path());
    }

    @Test
    void aFilledFieldThatShowsTheTextLosesItsValueAndLook() throws Exception {
        ProducedFile filled = convert(work.resolve("filled"), "fill-form", Map.of("fields", "{\"Name\":\"Ada Lovelace\"}"),
                Corpus.file(FORM)).getFirst();
        assertThat(Poppler.text(filled.path())).contains("Ada Lovelace");
        ProducedFile out = convert(work.resolve("redacted"), "redact", Map.of("text", "Lovelace"), filled.path()).getFirst();
        assertThat(Poppler.text(out.path())).doesNotContain("Lovelace");
        Path plain = work.resolve("plain.pdf"); // every stream and object written out uncompressed
        Poppler.run("qpdf", "--qdf", "--object-streams=disable", out.path().toString(), plain.toString());
        assertThat(Files.readString(plain, StandardCharsets.ISO_8859_1)).as("nor the value, in the file").doesNotContain("Lovelace");
        assertClean(out.path());
    }

    @Test
    void pagesLimitWhereTextIsSought() throws Exception {
        ProducedFile out = convert(work, "redact", Map.of("text", "Huardest", "pages", "2"), FOUR).getFirst();
        List<String> pages = Poppler.pageTexts(out.path());
        assertThat(pages.get(1)).doesNotContain("Huardest");
        assertThat(pages.get(0)).contains("Huardest");
        assertThat(pages.get(2)).contains("Huardest");
        assertThat(pages.get(3)).contains("Huardest");
    }

    @Test
    void textThatIsNotThereLeavesTheDocumentAsItWas() throws Exception {
        ProducedFile out = convert(work, "redact", Map.of("text", "Zyxwvutsr"), FOUR).getFirst();
        assertThat(Poppler.info(out.path(), "Pages")).isEqualTo("4");
        assertThat(Poppler.pageTexts(out.path())).isEqualTo(Poppler.pageTexts(Corpus.file(FOUR)));
        assertClean(out.path());
    }

    @Test
    void badOptionsAreRefusedWithWhatIsWrong() {
        assertInvalid(Map.of(), "text, regex or areas");
        assertInvalid(Map.of("text", " \n "), "text, regex or areas");
        assertInvalid(Map.of("regex", "(unclosed"), "regex: not a valid regular expression");
        assertInvalid(Map.of("areas", "[{\"x\":1,\"y\":2,\"width\":3}]"), "rectangle 1 needs height");
        assertInvalid(Map.of("areas", "{\"x\":1}"), "a JSON array of rectangles");
        assertInvalid(Map.of("areas", "[{\"page\":9,\"x\":1,\"y\":2,\"width\":3,\"height\":4}]"), "page 9 is past the last page (4)");
        assertInvalid(Map.of("text", "x", "color", "black"), "#RRGGBB");
    }

    @Test
    void aRegularExpressionThatBacktracksWithoutEndIsStopped() {
        // the back-reference keeps the JDK from remembering where its loop failed: every split of the text is tried
        assertInvalid(Map.of("regex", "([a-z]+\\s*)+\\1@"), "too costly");
    }

    private void assertInvalid(Map<String, String> options, String message) {
        assertThatThrownBy(() -> convert(work, "redact", options, FOUR)).as(options.toString())
                .isInstanceOfSatisfying(ConversionFailed.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    private static void assertClean(Path pdf) {
        assertThat(Poppler.run("qpdf", "--check", pdf.toString())).contains("No syntax or stream encoding errors");
    }

    /** Where pdftotext puts the first word starting {@code text} on page 1, rounded to a tenth of a point. */
    private static List<Double> firstWord(Path pdf, String text) {
        double[] w = words(pdf, 1, text).getFirst();
        return List.of(Math.round(w[0] * 10) / 10.0, Math.round(w[1] * 10) / 10.0);
    }

    /** The top left of each word that starts with {@code text} on a page, in points from the visible top left. */
    private static List<double[]> words(Path pdf, int page, String text) {
        String xml = Poppler.run("pdftotext", "-q", "-bbox", "-f", Integer.toString(page), "-l", Integer.toString(page),
                pdf.toString(), "-");
        Matcher m = WORD.matcher(xml);
        List<double[]> out = new java.util.ArrayList<>();
        while (m.find()) {
            if (m.group(3).startsWith(text)) {
                out.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
            }
        }
        return out;
    }

    private static BufferedImage onlyImage(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDResources resources = doc.getPage(0).getResources();
            List<COSName> images = new java.util.ArrayList<>();
            for (COSName name : resources.getXObjectNames()) {
                if (resources.getXObject(name) instanceof PDImageXObject) {
                    images.add(name);
                }
            }
            assertThat(images).as("one image on the page, the original gone").hasSize(1);
            return ((PDImageXObject) resources.getXObject(images.getFirst())).getImage();
        }
    }

    private static int red(int rgb) {
        return (rgb >> 16) & 0xFF;
    }

    private static int green(int rgb) {
        return (rgb >> 8) & 0xFF;
    }

    private static int blue(int rgb) {
        return rgb & 0xFF;
    }
}
