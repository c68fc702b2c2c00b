package io.kiln.engine.html.chromium;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.Options;
import io.kiln.engine.ProducedFile;
import io.kiln.engine.html.HtmlConverter;
import io.kiln.fetch.AddressPolicy;
import io.kiln.testing.Corpus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Every HTML and Markdown file of the corpus through the html engine with Chromium (the renderer a
 * default server uses): it prints on a sensible number of pages and a distinctive phrase of each —
 * Chinese, Japanese, Arabic and Hebrew too — comes back out of the PDF's text, so real glyphs were used.
 */
class CorpusPrintTest {

    private static ChromiumRenderer renderer;
    private static HtmlConverter converter;

    @TempDir
    static Path shared;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        renderer = Browsers.renderer(shared, AddressPolicy.STRICT);
        converter = new HtmlConverter(renderer);
    }

    @AfterAll
    static void stop() {
        if (renderer != null) {
            renderer.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/html-corpus-phrases.psv", delimiter = '|', commentCharacter = '#')
    void printsWithItsText(String file, String from, int minPages, int maxPages, String phrase) throws Exception {
        ConversionTask task = new ConversionTask(from, "pdf", List.of(Corpus.file(file)), new Options(Map.of()), work,
                "out", Duration.ofMinutes(2), 2000);
        ProducedFile pdf = converter.convert(task).getFirst();
        try (PDDocument doc = Loader.loadPDF(pdf.path().toFile())) {
            // Chromium lays pages out differently from the Java renderer: the same bounds, with room
            assertThat(doc.getNumberOfPages()).isEqualTo(pdf.pageCount()).isBetween(Math.max(1, minPages / 2), maxPages * 2);
            assertThat(flat(new PDFTextStripper().getText(doc))).contains(flat(phrase));
        }
    }

    private static String flat(String text) {
        return text.replaceAll("[\\s\\p{Z}]+", " "); // no-break spaces too (&nbsp; in the source)
    }
}
