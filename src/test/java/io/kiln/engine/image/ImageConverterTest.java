package io.kiln.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kiln.engine.Capability;
import io.kiln.engine.ConversionTask;
import io.kiln.engine.Options;
import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.testing.Corpus;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageConverterTest {

    private final ImageConverter converter = new ImageConverter();

    @TempDir
    Path work;

    static Stream<String> corpusImages() throws IOException {
        try (Stream<Path> files = Files.list(Corpus.root().resolve("images"))) {
            return files.map(p -> "images/" + p.getFileName()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusImages")
    void everyCorpusImageBecomesAPdfShapedLikeIt(String relative) throws Exception {
        Path image = Corpus.file(relative);
        List<ProducedFile> out = converter.convert(task("pdf", Map.of(), image));

        int expectedPages = relative.endsWith("testTIFF_multipage.tif") ? 2 : 1;
        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("out.pdf");
            assertThat(f.pageCount()).isEqualTo(expectedPages);
        });
        BufferedImage pixels = ImageIO.read(image.toFile());
        boolean turned = relative.endsWith("orientation_6.jpg");
        double aspect = turned ? (double) pixels.getHeight() / pixels.getWidth() : (double) pixels.getWidth() / pixels.getHeight();
        try (PDDocument pdf = Loader.loadPDF(out.getFirst().path().toFile())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(expectedPages);
            PDRectangle box = pdf.getPage(0).getMediaBox();
            assertThat((double) box.getWidth() / box.getHeight()).isCloseTo(aspect, within(0.01));
        }
    }

    @Test
    void pageSizeFollowsTheImagesDpiElse72() throws Exception {
        // baseball.jpg says 96 dpi: 512x355 px -> 384x266.25 pt; flower2.jpg says nothing: 1 px = 1 pt
        assertThat(firstPage(converter.convert(task("pdf", Map.of(), Corpus.file("images/baseball.jpg")))))
                .satisfies(b -> assertThat(b.getWidth()).isCloseTo(384f, within(0.5f)));
        assertThat(firstPage(converter.convert(task("pdf", Map.of(), Corpus.file("images/flower2.jpg")))))
                .satisfies(b -> assertThat(b.getWidth()).isCloseTo(300f, within(0.5f)));
    }

    @Test
    void severalImagesMakeOnePdfWithAPagePerImageInOrder() throws Exception {
        List<ProducedFile> out = converter.convert(task("pdf", Map.of(),
                Corpus.file("images/testBMP.bmp"), Corpus.file("images/testTIFF_multipage.tif"),
                Corpus.file("images/iss634.gif"), Corpus.file("images/flower.webp")));

        assertThat(out.getFirst().pageCount()).isEqualTo(5);
        try (PDDocument pdf = Loader.loadPDF(out.getFirst().path().toFile())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(5);
            assertThat(pdf.getPage(0).getMediaBox().getWidth()).isCloseTo(100f, within(0.5f));
            assertThat(pdf.getPage(3).getMediaBox().getWidth()).isCloseTo(245f, within(0.5f));
            assertThat(pdf.getPage(4).getMediaBox().getWidth()).isCloseTo(480f, within(0.5f));
        }
    }

    @Test
    void a4PagesCentreTheImageInsideTheMargins() throws Exception {
        List<ProducedFile> out = converter.convert(task("pdf", Map.of("pageSize", "a4", "margin", "36"),
                Corpus.file("images/flower2.jpg"), Corpus.file("images/hopper_orientation_6.jpg")));
        try (PDDocument pdf = Loader.loadPDF(out.getFirst().path().toFile())) {
            assertThat(pdf.getPage(0).getMediaBox().getWidth()).isCloseTo(PDRectangle.A4.getHeight(), within(0.5f));
            assertThat(pdf.getPage(1).getMediaBox().getWidth()).isCloseTo(PDRectangle.A4.getWidth(), within(0.5f));
        }
    }

    @Test
    void pngBecomesJpgOfTheSameSize() throws Exception {
        List<ProducedFile> out = converter.convert(task("jpg", Map.of("quality", "70"), Corpus.file("images/transparent.png")));

        assertThat(out).singleElement().satisfies(f -> assertThat(f.name()).isEqualTo("out.jpg"));
        BufferedImage jpg = ImageIO.read(out.getFirst().path().toFile());
        assertThat(jpg.getWidth()).isEqualTo(200);
        assertThat(jpg.getHeight()).isEqualTo(150);
        assertThat(jpg.getColorModel().hasAlpha()).isFalse();
    }

    @Test
    void jpegExifOrientationIsApplied() throws Exception {
        Path upright = converter.convert(task("png", Map.of(), Corpus.file("images/hopper_orientation_6.jpg"))).getFirst().path();
        BufferedImage stored = ImageIO.read(Corpus.file("images/hopper_orientation_6.jpg").toFile());
        BufferedImage turned = ImageIO.read(upright.toFile());

        assertThat(turned.getWidth()).isEqualTo(stored.getHeight());
        // orientation 6: the stored left column becomes the top row
        int h = stored.getHeight();
        assertThat(sameColour(turned.getRGB(5, 0), stored.getRGB(0, h - 1 - 5))).isTrue();
        assertThat(sameColour(turned.getRGB(h - 1 - 20, 10), stored.getRGB(10, 20))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"images/pil_sample_cmyk.jpg", "images/tiff_16bit_RGBa.tiff", "images/flower.webp",
            "images/testWEBP.webp", "images/hopper_g4_500.tif", "images/testBMP.bmp"})
    void awkwardSourcesConvertToEveryWritableFormat(String relative) throws Exception {
        BufferedImage source = ImageIO.read(Corpus.file(relative).toFile());
        for (String to : ImageConverter.IMAGE_TARGETS) {
            Path dir = Files.createDirectories(work.resolve(to));
            List<ProducedFile> out = converter.convert(new ConversionTask("x", to, List.of(Corpus.file(relative)),
                    Options.NONE, dir, "out", Duration.ofMinutes(1), 100));
            BufferedImage written = ImageIO.read(out.getFirst().path().toFile());
            assertThat(written).as(relative + " -> " + to).isNotNull();
            assertThat(written.getWidth()).as(relative + " -> " + to).isEqualTo(source.getWidth());
            assertThat(written.getHeight()).isEqualTo(source.getHeight());
        }
    }

    @Test
    void multiPageTiffGivesAFilePerSelectedPage() throws Exception {
        Path tiff = Corpus.file("images/testTIFF_multipage.tif");
        assertThat(converter.convert(task("png", Map.of(), tiff))).extracting(ProducedFile::name)
                .containsExactly("out-1.png", "out-2.png");
        assertThat(converter.convert(task("png", Map.of("pages", "!1"), tiff))).extracting(ProducedFile::name)
                .containsExactly("out.png");
        assertThatThrownBy(() -> converter.convert(task("png", Map.of("pages", "3"), tiff)))
                .isInstanceOf(ConversionFailed.class).extracting(e -> ((ConversionFailed) e).code())
                .isEqualTo(ErrorCode.INVALID_OPTION);
    }

    @Test
    void animatedGifGivesItsFirstFrame() throws Exception {
        assertThat(converter.convert(task("png", Map.of(), Corpus.file("images/baseball.gif"))))
                .singleElement().satisfies(f -> assertThat(ImageIO.read(f.path().toFile()).getWidth()).isEqualTo(185));
    }

    @Test
    void emptyTruncatedAndForeignFilesAreCorrupt() throws Exception {
        Path empty = Files.createFile(work.resolve("empty.png"));
        byte[] png = Files.readAllBytes(Corpus.file("images/nature1.png"));
        Path truncated = Files.write(work.resolve("truncated.png"), Arrays.copyOf(png, png.length / 3));
        Path text = Files.writeString(work.resolve("text.png"), "not an image at all");
        for (Path bad : List.of(empty, truncated, text, Corpus.file("bad/empty.pdf"))) {
            for (String to : List.of("pdf", "jpg")) {
                assertThatThrownBy(() -> converter.convert(task(to, Map.of(), bad))).as(bad + " -> " + to)
                        .isInstanceOfSatisfying(ConversionFailed.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_DOCUMENT));
            }
        }
    }

    @Test
    void oversizedImagesAndTooManyPagesAreRefusedBeforeDecoding() {
        ImageConverter small = new ImageConverter(500_000);
        assertThatThrownBy(() -> small.convert(task("png", Map.of(), Corpus.file("images/nature1.png"))))
                .isInstanceOfSatisfying(ConversionFailed.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DOCUMENT_TOO_LARGE);
                    assertThat(e.getMessage()).contains("image is too large (0.8 megapixels");
                });
        ConversionTask oneAllowed = new ConversionTask("tiff", "pdf", List.of(Corpus.file("images/testTIFF_multipage.tif")),
                Options.NONE, work, "out", Duration.ofMinutes(1), 1);
        assertThatThrownBy(() -> converter.convert(oneAllowed))
                .isInstanceOfSatisfying(ConversionFailed.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_PAGES));
    }

    @Test
    void anInterruptedThreadStopsBetweenPages() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> converter.convert(task("pdf", Map.of(), Corpus.file("images/testBMP.bmp"))))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void capabilitiesOfferPdfFromManyAndNoWebpTarget() {
        assertThat(converter.capabilities()).extracting(Capability::to)
                .containsExactlyInAnyOrder("pdf", "png", "jpg", "gif", "bmp", "tiff");
        assertThat(converter.capabilities()).filteredOn(c -> c.to().equals("pdf")).singleElement()
                .satisfies(c -> assertThat(c.inputs()).isEqualTo(Capability.Inputs.MANY));
        assertThat(converter.capabilities()).allSatisfy(c -> assertThat(c.from()).contains("webp", "tiff"));
    }

    private ConversionTask task(String to, Map<String, String> options, Path... inputs) {
        return new ConversionTask("png", to, List.of(inputs), new Options(options), work, "out", Duration.ofMinutes(1), 100);
    }

    private static PDRectangle firstPage(List<ProducedFile> out) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(out.getFirst().path().toFile())) {
            return pdf.getPage(0).getMediaBox();
        }
    }

    private static boolean sameColour(int a, int b) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)) > 24) {
                return false;
            }
        }
        return true;
    }
}
