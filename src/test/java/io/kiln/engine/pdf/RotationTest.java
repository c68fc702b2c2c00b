package io.kiln.engine.pdf;

import static io.kiln.engine.pdf.PdfTasks.convert;
import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.engine.ProducedFile;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotationTest {

    @TempDir
    Path work;

    @Test
    void rotatesEveryPageByNinetyDegreesByDefault() throws Exception {
        ProducedFile out = convert(work, "rotate", Map.of(), "pdf/pdflatex-4-pages.pdf").getFirst();

        try (PDDocument doc = PdfTasks.open(out)) {
            assertThat(doc.getPages()).extracting(p -> p.getRotation()).containsExactly(90, 90, 90, 90);
        }
        assertThat(out.pageCount()).isEqualTo(4);
    }

    @Test
    void rotatesOnlyTheSelectedPagesOnce() throws Exception {
        ProducedFile out = convert(work, "rotate", Map.of("angle", "270", "pages", "2,!1,2"),
                "pdf/pdflatex-4-pages.pdf").getFirst();

        try (PDDocument doc = PdfTasks.open(out)) {
            assertThat(doc.getPages()).extracting(p -> p.getRotation()).containsExactly(0, 270, 0, 270);
        }
    }
}
