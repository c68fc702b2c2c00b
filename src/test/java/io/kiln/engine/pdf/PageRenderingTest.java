package io.kiln.engine.pdf;

import static io.kiln.engine.pdf.PdfTasks.convert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageRenderingTest {

    // pdflatex-4-pages.pdf is A4: 595.276 x 841.89 points
    private static final double A4_WIDTH_IN = 595.276 / 72;
    private static final double A4_HEIGHT_IN = 841.89 / 72;

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpg", "tiff"})
    void rendersOneImagePerPage(String format) throws Exception {
        List<ProducedFile> out = convert(work, format, Map.of("dpi", "36"), "pdf/pdflatex-4-pages.pdf");

        assertThat(out).extracting(ProducedFile::name)
                .containsExactly("out-1." + format, "out-2." + format, "out-3." + format, "out-4." + format);
        assertThat(out).allSatisfy(f -> assertThat(f.pageCount()).isEqualTo(format.equals("tiff") ? 1 : null));
        for (ProducedFile f : out) {
            assertSize(read(f), 36);
        }
    }

    @Test
    void rendersAt150DpiByDefault() throws Exception {
        assertSize(read(convert(work, "png", Map.of("pages", "1"), "pdf/minimal-document.pdf").getFirst()), 150);
    }

    @Test
    void honoursDpiAndPages() throws Exception {
        List<ProducedFile> out = convert(work, "png", Map.of("dpi", "72", "pages", "!1,2,2"),
                "pdf/pdflatex-4-pages.pdf");

        assertThat(out).extracting(ProducedFile::name).containsExactly("out-4.png", "out-2.png");
        assertSize(read(out.getFirst()), 72);
    }

    @Test
    void doublingTheDpiDoublesTheSize() throws Exception {
        BufferedImage image = read(convert(work, "jpg", Map.of("dpi", "144", "pages", "1"),
                "pdf/minimal-document.pdf").getFirst());

        assertSize(image, 144);
    }

    @Test
    void refusesAPageTooLargeForMemoryAtThatDpi() {
        // options are range-checked before the engine runs; an absurd dpi here stands in for a huge page
        assertThatThrownBy(() -> convert(work, "png", Map.of("dpi", "100000"), "pdf/minimal-document.pdf"))
                .isInstanceOfSatisfying(ConversionFailed.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION));
    }

    private static BufferedImage read(ProducedFile file) throws Exception {
        BufferedImage image = ImageIO.read(file.path().toFile());
        assertThat(image).as("readable " + file.name()).isNotNull();
        return image;
    }

    private static void assertSize(BufferedImage image, int dpi) {
        assertThat(image.getWidth()).isCloseTo((int) (A4_WIDTH_IN * dpi), org.assertj.core.data.Offset.offset(1));
        assertThat(image.getHeight()).isCloseTo((int) (A4_HEIGHT_IN * dpi), org.assertj.core.data.Offset.offset(1));
    }
}
