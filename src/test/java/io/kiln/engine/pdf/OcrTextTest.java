package io.kiln.engine.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.Options;
import io.kiln.engine.ocr.OcrConverter;
import io.kiln.engine.ocr.TesseractInstallation;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.testing.Corpus;
import io.kiln.testing.ScannedPage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pdf → txt with {@code ocr}: scanned pages read by the real tesseract, typed pages as extracted. */
class OcrTextTest {

    private static final TesseractInstallation TESSERACT = TesseractInstallation.probe(TesseractInstallation.DEFAULT_PROGRAM);

    @TempDir
    Path work;

    @Test
    void autoReadsTheScannedPageAndKeepsTheTypedOne() throws Exception {
        assumeThat(TESSERACT.problem()).as("tesseract installed").isNull();
        Path pdf = ScannedPage.typedThenScanned(work.resolve("mixed.pdf"));
        String typed = ScannedPage.typedText();

        String auto = text(withOcr(), pdf, Map.of("ocr", "auto"));
        assertThat(auto).startsWith(typed);
        String scanned = auto.substring(typed.length()).toLowerCase(Locale.ROOT);
        assertThat(ScannedPage.SCANNED_WORDS).allSatisfy(w -> assertThat(scanned).contains(w));
        assertThat(scanned).doesNotContain("huardest"); // the typed page was not read twice

        String never = text(withOcr(), pdf, Map.of());
        assertThat(never).startsWith(typed);
        assertThat(never.substring(typed.length())).isBlank();
        assertThat(text(withOcr(), pdf, Map.of("ocr", "never"))).isEqualTo(never);
    }

    @Test
    void pagesAreWrittenInTheOrderAsked() throws Exception {
        assumeThat(TESSERACT.problem()).as("tesseract installed").isNull();
        Path pdf = ScannedPage.typedThenScanned(work.resolve("mixed.pdf"));
        String typed = ScannedPage.typedText();

        String text = text(withOcr(), pdf, Map.of("ocr", "auto", "pages", "2,1"));
        assertThat(text).endsWith(typed);
        String scanned = text.substring(0, text.length() - typed.length()).toLowerCase(Locale.ROOT);
        assertThat(scanned).contains("knuth").doesNotContain("huardest");
    }

    @Test
    void alwaysReadsTypedPagesToo() throws Exception {
        assumeThat(TESSERACT.problem()).as("tesseract installed").isNull();
        Path pdf = ScannedPage.typedThenScanned(work.resolve("mixed.pdf"));

        String always = text(withOcr(), pdf, Map.of("ocr", "always", "lang", "eng", "psm", "3", "dpi", "200"))
                .toLowerCase(Locale.ROOT);
        assertThat(always).contains("huardest", "knuth", "documentation");
        assertThat(always).isNotEqualTo(text(withOcr(), pdf, Map.of()).toLowerCase(Locale.ROOT));
    }

    @Test
    void aTypedPdfIsNotRecognisedWithAuto() throws Exception {
        // every page has text, so none goes to tesseract: recognised text would differ from the extracted
        Path typed = Corpus.file("pdf/pdflatex-4-pages.pdf");
        PdfConverter withOcr = withOcr();
        assertThat(text(withOcr, typed, Map.of("ocr", "auto"))).isEqualTo(text(withOcr, typed, Map.of()));
    }

    @Test
    void anUninstalledLanguageIsRefused() throws Exception {
        assumeThat(TESSERACT.problem()).as("tesseract installed").isNull();
        Path pdf = ScannedPage.typedThenScanned(work.resolve("mixed.pdf"));
        assertThatThrownBy(() -> text(withOcr(), pdf, Map.of("ocr", "auto", "lang", "klingon")))
                .isInstanceOfSatisfying(ConversionFailed.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION);
                    assertThat(e.getMessage()).contains("lang", "klingon");
                });
    }

    @Test
    void withoutTesseractOnlyNeverWorks() throws Exception {
        Path pdf = ScannedPage.typedThenScanned(work.resolve("mixed.pdf"));
        PdfConverter missing = new PdfConverter(
                new OcrConverter(TesseractInstallation.probe("/nonexistent/tesseract"), 1).pageRecognition());

        assertThat(text(missing, pdf, Map.of("ocr", "never"))).startsWith(ScannedPage.typedText());
        for (String mode : List.of("auto", "always")) {
            assertThatThrownBy(() -> text(missing, pdf, Map.of("ocr", mode)))
                    .isInstanceOfSatisfying(ConversionFailed.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.ENGINE_UNAVAILABLE);
                        assertThat(e.getMessage()).contains("ocr=" + mode, "Tesseract is not installed");
                    });
        }
    }

    @Test
    void theOptionsAreDeclared() {
        var txt = withOcr().capabilities().stream().filter(c -> c.to().equals("txt")).findFirst().orElseThrow();
        var ocr = txt.options().stream().filter(o -> o.name().equals("ocr")).findFirst().orElseThrow();
        assertThat(ocr.values()).containsExactly("never", "auto", "always");
        assertThat(txt.options()).extracting(o -> o.name()).contains("lang", "dpi", "psm", "pages", "password");
    }

    private static PdfConverter withOcr() {
        return new PdfConverter(new OcrConverter(TESSERACT, 2).pageRecognition());
    }

    private String text(PdfConverter converter, Path pdf, Map<String, String> options) throws Exception {
        Path out = Files.createTempDirectory(work, "out-");
        var task = new ConversionTask("pdf", "txt", List.of(pdf), new Options(options), out, "out",
                Duration.ofMinutes(2), PdfTasks.MAX_PAGES);
        return Files.readString(converter.convert(task).getFirst().path());
    }
}
