package io.kiln.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class FormatDetectorTest {

    private static final FormatDetector DETECTOR = new FormatDetector();

    static List<Path> wellFormedCorpusFiles() throws IOException {
        List<String> folders = List.of("pdf", "images", "doc", "docx", "xls", "xlsx", "ppt", "pptx",
                "odt", "ods", "odp", "rtf", "html", "md", "txt");
        try (Stream<Path> files = folders.stream().map(f -> Corpus.root().resolve(f)).flatMap(FormatDetectorTest::list)) {
            return files.sorted().toList();
        }
    }

    private static Stream<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wellFormedCorpusFiles")
    void everyCorpusFileIsDetectedAsItsOwnExtension(Path file) {
        String name = file.getFileName().toString();
        assertThat(DETECTOR.detect(file, name)).contains(FormatDetector.extensionOf(name));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "bad/jpeg-named-as.pdf, jpg",
            "bad/pdf-named-as.docx, pdf",
            "bad/rtf-named-as.doc, rtf",
            "bad/testODTnotaZipFile.odt, txt",
            "bad/test-pdf-with-print-ticket-header.pdf, pdf",
            "bad/testWORDML_tableInsideParagraph.doc, doc",
            "bad/bug53475-password-is-pass.docx, docx",
            "bad/extenxls_pwd123.xlsx, xlsx",
            "bad/testPPT_protected_passtika.pptx, pptx",
            "bad/Password_Protected-hello.ppt, ppt",
            "bad/truncated62886.docx, docx",
            "bad/encrypted-with-pwd_hello.odt, odt",
    })
    void contentWinsOverAMisleadingName(String relative, String expected) {
        Path file = Corpus.file(relative);
        assertThat(DETECTOR.detect(file, file.getFileName().toString())).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"bad/empty.pdf", "bad/empty.docx", "bad/testAppleSingleFile.pdf", "bad/testWordPerfect_42.doc"})
    void emptyOrForeignContentIsOfNoKnownFormat(String relative) {
        Path file = Corpus.file(relative);
        assertThat(DETECTOR.detect(file, file.getFileName().toString())).isEmpty();
    }

    @Test
    void officePackagesAreRecognisedWithoutAnyName() {
        Map<String, String> expected = Map.of(
                "docx/drawing.docx", "docx",
                "xlsx/SampleSS.xlsx", "xlsx",
                "pptx/SampleShow.pptx", "pptx",
                "odt/HeaderFooter.odt", "odt",
                "pdf/cweb.pdf", "pdf",
                "images/nature1.png", "png");
        expected.forEach((relative, format) ->
                assertThat(DETECTOR.detect(Corpus.file(relative), null)).as(relative).contains(format));
    }

    @Test
    void plainTextTakesTheClientsExtensionAmongTextFormats(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("upload.bin"), "a,b\n1,2\n");
        assertThat(DETECTOR.detect(file, "table.csv")).contains("csv");
        assertThat(DETECTOR.detect(file, "notes.md")).contains("md");
        assertThat(DETECTOR.detect(file, "notes")).contains("txt");
        assertThat(DETECTOR.detect(file, "report.docx")).contains("txt");
    }

    @Test
    void extensionsAreLowerCasedWithAliasesFolded() {
        assertThat(FormatDetector.extensionOf("Photo.JPEG")).isEqualTo("jpg");
        assertThat(FormatDetector.extensionOf("scan.tif")).isEqualTo("tiff");
        assertThat(FormatDetector.extensionOf("dir.v2/README")).isEmpty();
        assertThat(FormatDetector.extensionOf("trailing.")).isEmpty();
        assertThat(FormatDetector.extensionOf(null)).isEmpty();
    }
}
