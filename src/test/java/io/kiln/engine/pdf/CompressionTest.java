package io.kiln.engine.pdf;

import static io.kiln.engine.pdf.PdfTasks.convert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Ghostscript;
import io.kiln.testing.ImagePdfs;
import io.kiln.testing.Poppler;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * compress: smaller, the same text, the same look at 72 dpi (poppler's rendering, not PDFBox's), and
 * on image-heavy PDFs within 10 % of Ghostscript's {@code /ebook} or smaller, Ghostscript run on the
 * same file in the same test.
 */
class CompressionTest {

    @TempDir
    Path work;

    /** Image-heavy: most of the file's bytes are pictures. Ghostscript fails on cmyk-image, so it has no yardstick. */
    @ParameterizedTest
    @ValueSource(strings = {"album", "scans", "pdf/pdflatex-image.pdf", "pdf/cmyk-image.pdf"})
    void imageHeavyPdfsShrinkAsFarAsGhostscriptsEbookAndLookAndReadTheSame(String name) throws Exception {
        Path in = switch (name) {
            case "album" -> ImagePdfs.photoAlbum(work.resolve("album.pdf"), 4);
            case "scans" -> ImagePdfs.scannedPages(work.resolve("scans.pdf"), 3);
            default -> Corpus.file(name);
        };
        Path out = compressed(in);
        Optional<Path> gs = Ghostscript.ebook(in, work.resolve("gs.pdf"));
        if (gs.isPresent()) {
            long yardstick = Files.size(gs.get());
            assertThat((double) Files.size(out)).as("within 10 %% of Ghostscript /ebook's %d bytes", yardstick)
                    .isLessThanOrEqualTo(yardstick * 1.10);
        }
    }

    /** Papers whose bytes are fonts and drawings: smaller or as they came, and the same to read and see. */
    @ParameterizedTest
    @ValueSource(strings = {"pdf/TAMReview.pdf", "pdf/tracemonkey.pdf", "pdf/pdflatex-forms.pdf"})
    void textHeavyPdfsShrinkOrStayAndLookAndReadTheSame(String name) throws Exception {
        compressed(Corpus.file(name));
    }

    /** compress at the default level, checked as a user would: not bigger, the same pages, text and look. */
    private Path compressed(Path in) throws Exception {
        Path out = convert(work.resolve("out"), "compress", Map.of(), in).getFirst().path();
        assertThat(Files.size(out)).as("never bigger than the input").isLessThanOrEqualTo(Files.size(in));
        assertThat(Poppler.info(out, "Pages")).isEqualTo(Poppler.info(in, "Pages"));
        assertThat(Poppler.text(out)).as("the text stays extractable, unchanged").isEqualTo(Poppler.text(in));
        assertLooksTheSame(in, out);
        return out;
    }

    @Test
    void photographsDrawnFinerThanTheLevelNeedsAreDownsampledAndLosslessKeepsEveryPixel() throws Exception {
        Path album = ImagePdfs.photoAlbum(work.resolve("album.pdf"), 2);
        ProducedFile medium = convert(work.resolve("medium"), "compress", Map.of(), album).getFirst();
        ProducedFile high = convert(work.resolve("high"), "compress", Map.of("level", "high"), album).getFirst();
        ProducedFile lossless = convert(work.resolve("lossless"), "compress", Map.of("level", "lossless"), album).getFirst();

        assertThat(Poppler.maxImagePpi(album)).as("the album's PNG at 512 ppi").isGreaterThan(500);
        assertThat(Poppler.maxImagePpi(medium.path())).as("medium: 150 dpi, nothing over 1.5 times it").isBetween(140, 225);
        assertThat(Poppler.maxImagePpi(high.path())).as("high: 72 dpi").isLessThanOrEqualTo(108);
        assertThat(Files.size(high.path())).isLessThan(Files.size(medium.path()));
        assertThat(imageSizes(lossless.path())).as("lossless keeps every image's pixels").isEqualTo(imageSizes(album));
        assertThat(Files.size(lossless.path())).isLessThanOrEqualTo(Files.size(album));
    }

    @Test
    void aFileThereIsNothingToGainOnIsAnsweredAsItCame() throws Exception {
        Path in = Corpus.file("pdf/minimal-document.pdf");
        ProducedFile out = convert(work, "compress", Map.of("level", "high"), "pdf/minimal-document.pdf").getFirst();
        assertThat(Files.size(out.path())).isLessThanOrEqualTo(Files.size(in));
        assertThat(Poppler.text(out.path())).isEqualTo(Poppler.text(in));
    }

    @Test
    void anEncryptedSourceOpensWithItsPasswordAndABadLevelIsRefused() throws Exception {
        ProducedFile locked = convert(work, "protect", Map.of("userPassword", "s3cret"),
                "pdf/pdflatex-image.pdf").getFirst();
        ProducedFile out = convert(work.resolve("out"), "compress", Map.of("password", "s3cret"), locked.path()).getFirst();
        assertThat(Poppler.text(out.path())).isEqualTo(Poppler.text(Corpus.file("pdf/pdflatex-image.pdf")));

        assertThatThrownBy(() -> convert(work.resolve("bad"), "compress", Map.of("level", "extreme"), "pdf/pdflatex-image.pdf"))
                .isInstanceOfSatisfying(ConversionFailed.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION))
                .hasMessageContaining("lossless, low, medium, high");
    }

    /** Every page rendered at 72 dpi by poppler: the same size, and on average within 3 of 255 per channel. */
    private void assertLooksTheSame(Path a, Path b) throws IOException {
        List<Path> before = render(a, "a");
        List<Path> after = render(b, "b");
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            BufferedImage x = ImageIO.read(before.get(i).toFile());
            BufferedImage y = ImageIO.read(after.get(i).toFile());
            assertThat(y.getWidth()).isEqualTo(x.getWidth());
            assertThat(y.getHeight()).isEqualTo(x.getHeight());
            long sum = 0;
            for (int py = 0; py < x.getHeight(); py++) {
                for (int px = 0; px < x.getWidth(); px++) {
                    int p = x.getRGB(px, py);
                    int q = y.getRGB(px, py);
                    for (int shift = 0; shift <= 16; shift += 8) {
                        sum += Math.abs((p >> shift & 0xFF) - (q >> shift & 0xFF));
                    }
                }
            }
            double mean = (double) sum / (3L * x.getWidth() * x.getHeight());
            assertThat(mean).as("page %d's mean difference at 72 dpi", i + 1).isLessThan(3.0);
        }
    }

    private List<Path> render(Path pdf, String prefix) throws IOException {
        Path dir = Files.createDirectories(work.resolve("render-" + prefix + "-" + pdf.getFileName()));
        Poppler.run("pdftoppm", "-r", "72", "-png", pdf.toString(), dir.resolve("p").toString());
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /** Each image's width and height as pdfimages lists them. */
    private static List<String> imageSizes(Path pdf) {
        return Poppler.run("pdfimages", "-list", pdf.toString()).lines().skip(2)
                .map(l -> l.trim().split("\\s+")).map(c -> c[3] + "x" + c[4]).toList();
    }
}
