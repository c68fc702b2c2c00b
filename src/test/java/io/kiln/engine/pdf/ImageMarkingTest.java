package io.kiln.engine.pdf;

import static io.kiln.engine.pdf.PdfTasks.convert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.Options;
import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.testing.Corpus;
import io.kiln.testing.PageChanges;
import io.kiln.testing.Poppler;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * watermark and stamp with a picture, checked as a reader would: the image is on the chosen pages
 * only, the page keeps its text, and rendering the page shows the picture where it was asked.
 */
class ImageMarkingTest {

    private static final String FOUR = "pdf/pdflatex-4-pages.pdf";
    private static final String PNG = "images/nature1.png";
    private static final String JPG = "images/flower2.jpg";

    @TempDir
    Path work;

    @Test
    void anImageWatermarkIsOnTheChosenPagesOnlyAndThePagesKeepTheirText() throws Exception {
        ProducedFile out = convert(work, "watermark", Map.of("pages", "1,3"), FOUR, PNG).getFirst();
        List<String> before = Poppler.pageTexts(Corpus.file(FOUR));
        List<String> after = Poppler.pageTexts(out.path());
        try (PDDocument doc = PdfTasks.open(out)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(4);
            for (int p = 0; p < 4; p++) {
                assertThat(images(doc.getPage(p))).as("images on page %d", p + 1).isEqualTo(p == 0 || p == 2 ? 1 : 0);
                assertThat(after.get(p)).as("page %d keeps its text", p + 1).contains(before.get(p).strip().lines().findFirst().orElseThrow());
            }
        }
        // centred, half the page wide at most (the default share), over the content
        double[] box = PageChanges.box(Corpus.file(FOUR), out.path(), 1);
        assertThat((box[0] + box[2]) / 2).as("centre x").isBetween(595 / 2.0 - 5, 595 / 2.0 + 5);
        assertThat((box[1] + box[3]) / 2).as("centre y").isBetween(842 / 2.0 - 5, 842 / 2.0 + 5);
        assertThat(box[2] - box[0]).as("width").isBetween(595 * 0.48, 595 * 0.52);
    }

    @Test
    void aJpegStampSitsInTheTopRightCornerAtTheWidthAskedAndShiftedByXAndY() throws Exception {
        ProducedFile out = convert(work, "stamp", Map.of("width", "144", "pages", "2", "x", "-36", "y", "-18"), FOUR, JPG)
                .getFirst();
        try (PDDocument doc = PdfTasks.open(out)) {
            assertThat(images(doc.getPage(0))).isZero();
            assertThat(images(doc.getPage(1))).isEqualTo(1);
        }
        double[] box = PageChanges.box(Corpus.file(FOUR), out.path(), 2);
        // right edge at 595 - 36 (margin) - 36 (x), top at 36 (margin) + 18 (y), 144 pt wide
        assertThat(box[2]).as("right edge").isBetween(595 - 72 - 3.0, 595 - 72 + 3.0);
        assertThat(box[1]).as("top edge").isBetween(54 - 3.0, 54 + 3.0);
        assertThat(box[2] - box[0]).as("width").isBetween(141.0, 147.0);
    }

    @Test
    void aTransparentImageTiledUnderTheContentIsDrawnManyTimesBeforeTheText() throws Exception {
        ProducedFile out = convert(work, "watermark", Map.of("tiled", "true", "layer", "under", "width", "100",
                "opacity", "0.4"), "pdf/minimal-document.pdf", "images/transparent.png").getFirst();
        try (PDDocument doc = PdfTasks.open(out)) {
            String content = content(doc.getPage(0));
            long draws = content.lines().filter(l -> l.endsWith(" Do")).count();
            assertThat(draws).as("tiles").isGreaterThan(10);
            assertThat(content.indexOf(" Do")).as("under the content").isLessThan(content.indexOf("BT"));
            PDImageXObject image = firstImage(doc.getPage(0));
            assertThat(image.getCOSObject().containsKey(COSName.SMASK)).as("transparency kept").isTrue();
        }
    }

    @Test
    void aCmykJpegStampSitsInTheCornerTheReaderSeesOnATurnedPage() throws Exception {
        ProducedFile turned = convert(work.resolve("turned"), "rotate", Map.of("angle", "90"), Corpus.file(FOUR)).getFirst();
        Path dir = Files.createDirectories(work.resolve("stamped"));
        ProducedFile out = new PdfConverter().convert(new ConversionTask("pdf", "stamp",
                List.of(turned.path(), Corpus.file("images/pil_sample_cmyk.jpg")), new Options(Map.of("width", "100")),
                dir, "out", Duration.ofMinutes(1), PdfTasks.MAX_PAGES)).getFirst();
        double[] box = PageChanges.box(turned.path(), out.path(), 1);
        // the turned A4 page shows 842 wide: the default top-right corner, 36 pt in
        assertThat(box[2]).as("right edge").isBetween(842 - 36 - 3.0, 842 - 36 + 3.0);
        assertThat(box[1]).as("top edge").isBetween(33.0, 39.0);
        assertThat(box[2] - box[0]).as("width").isBetween(97.0, 103.0);
    }

    @Test
    void aPdfAsTheMarkIsItsFirstPageDrawnAsVectorContentWhoseTextStaysText() throws Exception {
        ProducedFile out = convert(work, "watermark", Map.of("pages", "2", "opacity", "1"), FOUR, "pdf/minimal-document.pdf")
                .getFirst();
        String overlay = "sadipscing"; // a word of the overlay's that the document does not have
        assertThat(Poppler.pageText(out.path(), 2)).contains(overlay);
        assertThat(Poppler.pageText(out.path(), 1)).doesNotContain(overlay);
        try (PDDocument doc = PdfTasks.open(out)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(4);
            var resources = doc.getPage(1).getResources();
            assertThat(resources.getXObjectNames()).anySatisfy(n -> assertThat(resources.getXObject(n))
                    .isInstanceOf(org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject.class));
        }
    }

    @Test
    void aNamedImageAmongSeveralIsTheOneDrawn() throws Exception {
        ProducedFile out = convert(work, "stamp", Map.of("image", "transparent.png"), FOUR, JPG, "images/transparent.png")
                .getFirst();
        try (PDDocument doc = PdfTasks.open(out)) {
            assertThat(firstImage(doc.getPage(0)).getWidth()).isEqualTo(200);
        }
    }

    @Test
    void whatIsNotAWholeImageOfSensibleSizeIsRefusedWithTheReason() throws Exception {
        assertThatThrownBy(() -> convert(work.resolve("txt"), "watermark", Map.of(), FOUR, "txt/lorem-ipsum.txt"))
                .isInstanceOf(ConversionFailed.class).hasMessageContaining("not a PNG or JPEG")
                .satisfies(e -> assertThat(((ConversionFailed) e).code()).isEqualTo(ErrorCode.INVALID_OPTION));
        assertThatThrownBy(() -> convert(work.resolve("gif"), "watermark", Map.of(), FOUR, "images/baseball.gif"))
                .isInstanceOf(ConversionFailed.class).hasMessageContaining("not a PNG or JPEG");
        byte[] png = Files.readAllBytes(Corpus.file(PNG));
        Path truncated = Files.write(work.resolve("truncated.png"), Arrays.copyOf(png, png.length / 2));
        assertThatThrownBy(() -> mark(truncated))
                .isInstanceOf(ConversionFailed.class).hasMessageContaining("cannot be read")
                .satisfies(e -> assertThat(((ConversionFailed) e).code()).isEqualTo(ErrorCode.CORRUPT_DOCUMENT));
        Path huge = Files.write(work.resolve("huge.png"), pngHeader(50_000, 50_000));
        assertThatThrownBy(() -> mark(huge))
                .isInstanceOf(ConversionFailed.class).hasMessageContaining("at most")
                .satisfies(e -> assertThat(((ConversionFailed) e).code()).isEqualTo(ErrorCode.DOCUMENT_TOO_LARGE));
        assertThatThrownBy(() -> convert(work.resolve("both"), "stamp", Map.of("text", "x"), FOUR, PNG))
                .isInstanceOf(ConversionFailed.class).hasMessageContaining("either text or an image");
        assertThatThrownBy(() -> convert(work.resolve("named"), "stamp", Map.of("image", "logo.png"), FOUR, PNG))
                .isInstanceOf(ConversionFailed.class).hasMessageContaining("no file named 'logo.png'");
    }

    private List<ProducedFile> mark(Path image) throws InterruptedException, IOException {
        Path dir = Files.createDirectories(work.resolve("out-" + image.getFileName()));
        return new PdfConverter().convert(new ConversionTask("pdf", "watermark", List.of(Corpus.file(FOUR), image),
                new Options(Map.of()), dir, "out", Duration.ofMinutes(1), PdfTasks.MAX_PAGES));
    }

    /** A PNG that claims {@code w × h} pixels and holds none. */
    private static byte[] pngHeader(int w, int h) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(w);
        d.writeInt(h);
        d.write(new byte[] {8, 2, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    private static int images(PDPage page) throws IOException {
        int n = 0;
        for (COSName name : page.getResources().getXObjectNames()) {
            n += page.getResources().isImageXObject(name) ? 1 : 0;
        }
        return n;
    }

    private static PDImageXObject firstImage(PDPage page) throws IOException {
        for (COSName name : page.getResources().getXObjectNames()) {
            if (page.getResources().isImageXObject(name)) {
                return (PDImageXObject) page.getResources().getXObject(name);
            }
        }
        throw new AssertionError("no image on the page");
    }

    private static String content(PDPage page) throws IOException {
        StringBuilder all = new StringBuilder();
        for (var it = page.getContentStreams(); it.hasNext(); ) {
            try (var in = it.next().createInputStream()) {
                all.append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        return all.toString();
    }
}
