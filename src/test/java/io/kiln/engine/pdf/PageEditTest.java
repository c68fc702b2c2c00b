package io.kiln.engine.pdf;

import static io.kiln.engine.pdf.PdfTasks.convert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Poppler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** remove-pages, extract-pages and reorder, checked page by page with pdftotext against the source's pages. */
class PageEditTest {

    private static final String FOUR = "pdf/pdflatex-4-pages.pdf";
    private static final List<String> SOURCE = Poppler.pageTexts(Corpus.file(FOUR));

    @TempDir
    Path work;

    @Test
    void removePagesTakesOutTheNamedPagesAndKeepsTheRestInOrder() throws Exception {
        ProducedFile out = convert(work, "remove-pages", Map.of("pages", "2,!1"), FOUR).getFirst();
        assertThat(Poppler.pageTexts(out.path())).containsExactly(SOURCE.get(0), SOURCE.get(2));
        assertThat(out.pageCount()).isEqualTo(2);
    }

    @Test
    void extractPagesKeepsTheNamedPagesInTheOrderGiven() throws Exception {
        ProducedFile out = convert(work, "extract-pages", Map.of("pages", "4,1-2"), FOUR).getFirst();
        assertThat(Poppler.pageTexts(out.path())).containsExactly(SOURCE.get(3), SOURCE.get(0), SOURCE.get(1));
    }

    @Test
    void reorderPutsEveryPageWhereItIsNamed() throws Exception {
        ProducedFile out = convert(work, "reorder", Map.of("pages", "3,1,4,2"), FOUR).getFirst();
        assertThat(Poppler.pageTexts(out.path())).containsExactly(SOURCE.get(2), SOURCE.get(0), SOURCE.get(3), SOURCE.get(1));
    }

    @Test
    void eachEditSaysWhatIsWrongWithItsPages() {
        assertThatThrownBy(() -> convert(work, "reorder", Map.of("pages", "3,1,1"), FOUR))
                .isInstanceOf(ConversionFailed.class).hasMessageContaining("missing [2, 4]").hasMessageContaining("repeated [1]")
                .satisfies(e -> assertThat(((ConversionFailed) e).code()).isEqualTo(ErrorCode.INVALID_OPTION));
        assertThatThrownBy(() -> convert(work, "remove-pages", Map.of("pages", "1-4"), FOUR))
                .isInstanceOf(ConversionFailed.class).hasMessageContaining("empty document");
        assertThatThrownBy(() -> convert(work, "extract-pages", Map.of(), FOUR))
                .isInstanceOf(ConversionFailed.class).hasMessageContaining("say which pages");
        assertThatThrownBy(() -> convert(work, "extract-pages", Map.of("pages", "7"), FOUR))
                .isInstanceOf(ConversionFailed.class).hasMessageContaining("outside the document");
    }
}
