package io.kiln.engine.pdf;

import static io.kiln.engine.pdf.PdfTasks.convert;
import static io.kiln.engine.pdf.PdfTasks.pages;
import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.engine.ProducedFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeAndSplitTest {

    @TempDir
    Path work;

    @Test
    void mergesInputsInOrder() throws Exception {
        List<ProducedFile> out = convert(work, "merge", Map.of(),
                "pdf/minimal-document.pdf", "pdf/pdflatex-4-pages.pdf");

        ProducedFile merged = out.getFirst();
        assertThat(out).hasSize(1);
        assertThat(merged.name()).isEqualTo("out.pdf");
        assertThat(merged.pageCount()).isEqualTo(5);
        assertThat(pages(merged)).isEqualTo(5);
        assertThat(pageText(merged, 1)).contains("Lorem ipsum");
        assertThat(pageNumber(merged, 2)).isEqualTo("1");
        assertThat(pageNumber(merged, 5)).isEqualTo("4");
    }

    @Test
    void pagesSelectFromTheMergedResult() throws Exception {
        ProducedFile merged = convert(work, "pdf", Map.of("pages", "!1,1,1"),
                "pdf/minimal-document.pdf", "pdf/pdflatex-4-pages.pdf").getFirst();

        assertThat(merged.pageCount()).isEqualTo(3);
        assertThat(pages(merged)).isEqualTo(3);
        assertThat(pageNumber(merged, 1)).isEqualTo("4");
        assertThat(pageText(merged, 2)).contains("Lorem ipsum");
        assertThat(pageText(merged, 3)).contains("Lorem ipsum");
    }

    @Test
    void mergesAnEncryptedInputIntoAnUnencryptedResult() throws Exception {
        ProducedFile merged = convert(work, "merge", Map.of("password", "openpassword"),
                "bad/libreoffice-writer-password.pdf", "pdf/minimal-document.pdf").getFirst();

        try (PDDocument doc = PdfTasks.open(merged)) {
            assertThat(doc.isEncrypted()).isFalse();
            assertThat(doc.getNumberOfPages()).isEqualTo(2);
        }
    }

    @Test
    void splitsIntoOnePdfPerPage() throws Exception {
        List<ProducedFile> out = convert(work, "split", Map.of(), "pdf/pdflatex-4-pages.pdf");

        assertThat(out).extracting(ProducedFile::name)
                .containsExactly("out-1.pdf", "out-2.pdf", "out-3.pdf", "out-4.pdf");
        for (ProducedFile part : out) {
            assertThat(part.pageCount()).isEqualTo(1);
            assertThat(pages(part)).isEqualTo(1);
        }
        assertThat(pageNumber(out.get(1), 1)).isEqualTo("2");
    }

    @Test
    void splitsIntoOnePdfPerRange() throws Exception {
        List<ProducedFile> out = convert(work, "split", Map.of("pages", "1-2,3,4-"), "pdf/pdflatex-4-pages.pdf");

        List<Integer> counts = new ArrayList<>();
        for (ProducedFile part : out) {
            counts.add(pages(part));
        }
        assertThat(out).extracting(ProducedFile::name).containsExactly("out-1.pdf", "out-2.pdf", "out-3.pdf");
        assertThat(out).extracting(ProducedFile::pageCount).containsExactly(2, 1, 1);
        assertThat(counts).containsExactly(2, 1, 1);
    }

    /** The number printed at the foot of a page of pdflatex-4-pages.pdf. */
    private static String pageNumber(ProducedFile file, int page) throws Exception {
        return pageText(file, page).strip().lines().reduce((a, b) -> b).orElse("");
    }

    private static String pageText(ProducedFile file, int page) throws Exception {
        try (PDDocument doc = PdfTasks.open(file)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(page);
            stripper.setEndPage(page);
            return stripper.getText(doc);
        }
    }
}
