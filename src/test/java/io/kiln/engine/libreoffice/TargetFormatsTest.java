package io.kiln.engine.libreoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each target of each family at least once, with a look at what came out. */
class TargetFormatsTest {

    private static final Path WORD = Corpus.file("docx/testWORD_various.docx");
    private static final Path SHEETS = Corpus.file("xlsx/SampleSS.xlsx");
    private static final Path SLIDES = Corpus.file("pptx/SampleShow.pptx");

    private static LibreOfficePool pool;
    private static LibreOfficeConverter converter;

    @TempDir
    static Path shared;

    @BeforeAll
    static void start() {
        pool = OfficeTasks.pool(shared.resolve("data"), 2);
        converter = new LibreOfficeConverter(pool);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    private static ProducedFile convert(Path source, String from, String to) throws Exception {
        return converter.convert(OfficeTasks.task(source, from, to, Map.of(), OfficeTasks.TIMEOUT)).getFirst();
    }

    private static ProducedFile convert(Path source, String to) throws Exception {
        return convert(source, OfficeTasks.extension(source), to);
    }

    private static List<String> words(Path source) throws Exception {
        List<String> words = SourceText.words(SourceText.fromPackageXml(source));
        assertThat(words).isNotEmpty();
        return words;
    }

    @Test
    void wordToPlainTextKeepsTheWords() throws Exception {
        ProducedFile txt = convert(WORD, "txt");

        assertThat(txt.name()).endsWith(".txt");
        assertThat(txt.pageCount()).isNull();
        List<String> words = words(WORD);
        assertThat(SourceText.found(words, Files.readString(txt.path()))).isGreaterThanOrEqualTo(words.size() * 3 / 4);
    }

    @Test
    void wordToHtmlIsOneFileWithTheWords() throws Exception {
        ProducedFile html = convert(WORD, "html");

        assertThat(Files.readString(html.path())).containsIgnoringCase("<html");
        List<String> words = words(WORD);
        assertThat(SourceText.found(words, Files.readString(html.path()))).isGreaterThanOrEqualTo(words.size() / 2);
        assertThat(filesBeside(html)).containsExactly(html.path());
    }

    @ParameterizedTest
    @ValueSource(strings = {"odt", "rtf", "docx"})
    void wordToAnotherWordFormatReopensWithItsPagesAndWords(String to) throws Exception {
        ProducedFile out = convert(WORD, to);
        assertThat(out.name()).endsWith("." + to);
        assertThat(out.pageCount()).isPositive();

        ProducedFile pdf = convert(out.path(), to, "pdf");

        assertThat(pdf.pageCount()).isPositive();
        List<String> words = words(WORD);
        assertThat(SourceText.found(words, OfficeTasks.pdfText(pdf))).isGreaterThanOrEqualTo(words.size() / 2);
    }

    @Test
    void spreadsheetToCsvHasTheRowsOfTheFirstSheet() throws Exception {
        ProducedFile csv = convert(SHEETS, "csv");

        List<String> rows = Files.readAllLines(csv.path());
        assertThat(rows).hasSizeGreaterThan(1);
        assertThat(rows).anySatisfy(r -> assertThat(r).contains(","));
        assertThat(csv.pageCount()).isNull();
        assertThat(filesBeside(csv)).containsExactly(csv.path());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ods", "xlsx"})
    void spreadsheetToAnotherSpreadsheetFormatKeepsTheCells(String to) throws Exception {
        String original = Files.readString(convert(SHEETS, "csv").path());

        ProducedFile out = convert(SHEETS, to);

        assertThat(Files.readString(convert(out.path(), to, "csv").path())).isEqualTo(original);
        assertThat(convert(out.path(), to, "pdf").pageCount()).isPositive();
    }

    @Test
    void spreadsheetToHtmlIsOneFileWithItsChartInside() throws Exception {
        ProducedFile html = convert(Corpus.file("xlsx/WithChart.xlsx"), "html");

        assertThat(filesBeside(html)).containsExactly(html.path());
        assertThat(Files.readString(html.path())).contains("<table", "data:image/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"odp", "pptx"})
    void presentationToAnotherPresentationFormatKeepsTheSlides(String to) throws Exception {
        int slides = convert(SLIDES, "pdf").pageCount();

        ProducedFile out = convert(SLIDES, to);

        assertThat(out.pageCount()).isEqualTo(slides);
        ProducedFile pdf = convert(out.path(), to, "pdf");
        assertThat(pdf.pageCount()).isEqualTo(slides);
        List<String> words = words(SLIDES);
        assertThat(SourceText.found(words, OfficeTasks.pdfText(pdf))).isGreaterThanOrEqualTo(words.size() / 2);
    }

    @Test
    void pdfToWordThroughWritersPdfImport() throws Exception {
        Path source = Corpus.file("pdf/pdflatex-4-pages.pdf");

        ProducedFile docx = convert(source, "docx");

        assertThat(docx.pageCount()).isEqualTo(4);
        String original;
        try (var doc = org.apache.pdfbox.Loader.loadPDF(source.toFile())) {
            original = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        }
        List<String> words = SourceText.words(original);
        assertThat(SourceText.found(words, SourceText.fromPackageXml(docx.path())))
                .isGreaterThanOrEqualTo(words.size() / 2);
    }

    @Test
    void aPairTheEngineDoesNotOfferIsRefusedWithoutTouchingAProcess() {
        assertThatThrownBy(() -> convert(SLIDES, "csv")).isInstanceOf(ConversionFailed.class)
                .satisfies(e -> assertThat(((ConversionFailed) e).code()).isEqualTo(ErrorCode.UNSUPPORTED_CONVERSION));
    }

    @Test
    void theOutputIsNamedAfterTheBaseName() throws Exception {
        var task = OfficeTasks.task(WORD, "docx", "odt", Map.of(), OfficeTasks.TIMEOUT);
        task = new io.kiln.engine.ConversionTask(task.from(), task.to(), task.inputs(), task.options(), task.workDir(),
                "../report: final", task.timeout(), task.maxPages());

        ProducedFile out = converter.convert(task).getFirst();

        assertThat(out.name()).isEqualTo("../report: final.odt");
        assertThat(out.path().getParent()).isEqualTo(task.workDir());
        assertThat(out.path()).isNotEmptyFile();
    }

    private static List<Path> filesBeside(ProducedFile file) throws Exception {
        try (Stream<Path> files = Files.list(file.path().getParent())) {
            return files.toList();
        }
    }
}
