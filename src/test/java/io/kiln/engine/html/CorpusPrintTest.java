package io.kiln.engine.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.engine.ProducedFile;
import io.kiln.testing.Corpus;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Every HTML and Markdown file of the corpus prints, on a sensible number of pages, with real glyphs:
 * a distinctive phrase of each (Chinese, Japanese, Arabic and Hebrew ones too) comes back out of the
 * PDF's text.
 */
class CorpusPrintTest {

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/html-corpus-phrases.psv", delimiter = '|', commentCharacter = '#')
    void printsWithItsText(String file, String from, int minPages, int maxPages, String phrase) throws Exception {
        ProducedFile pdf = HtmlTasks.pdf(work, from, Map.of(), Corpus.file(file));
        try (PDDocument doc = HtmlTasks.open(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(pdf.pageCount()).isBetween(minPages, maxPages);
        }
        assertThat(flat(HtmlTasks.text(pdf))).contains(flat(phrase));
    }

    private static String flat(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
