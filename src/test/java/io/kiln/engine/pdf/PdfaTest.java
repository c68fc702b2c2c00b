package io.kiln.engine.pdf;

import static io.kiln.engine.pdf.PdfTasks.convert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.engine.ProducedFile;
import io.kiln.engine.pdfa.Ghostscript;
import io.kiln.engine.pdfa.PdfaValidation;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Poppler;
import io.kiln.testing.VeraPdf;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * pdfa: every level on corpus files whose fonts are embedded (PDFBox alone) and on files that only
 * name theirs (test_pagelabels: Arial; TAMReview: Times; through Ghostscript), each result checked
 * by veraPDF here, not only by the engine, and read by poppler: same pages, same words, every font
 * embedded. What cannot be made PDF/A fails with veraPDF's reasons and leaves no file behind.
 */
class PdfaTest {

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0} from {1}")
    @CsvSource({
        "1b, pdf/pdflatex-4-pages.pdf", "1b, pdf/test_pagelabels.pdf",
        "2b, pdf/pdflatex-4-pages.pdf", "2b, pdf/test_pagelabels.pdf",
        "3b, pdf/pdflatex-4-pages.pdf", "3b, pdf/test_pagelabels.pdf",
        "2u, pdf/pdflatex-4-pages.pdf", "2u, pdf/test_pagelabels.pdf",
        "3u, pdf/pdflatex-4-pages.pdf", "3u, pdf/test_pagelabels.pdf",
        "2b, pdf/TAMReview.pdf", "1b, pdf/cmyk-image.pdf"})
    void eachLevelValidatesAndKeepsPagesAndText(String level, String source) throws Exception {
        ProducedFile out = convert(work, "pdfa", Map.of("level", level), source).getFirst();

        Path in = Corpus.file(source);
        assertThat(out.name()).isEqualTo("out.pdf");
        assertThat(VeraPdf.brokenRules(out.path(), level)).as("veraPDF, asked directly").isEmpty();
        assertThat(Poppler.info(out.path(), "Pages")).isEqualTo(Poppler.info(in, "Pages"))
                .isEqualTo(String.valueOf(out.pageCount()));
        assertThat(words(out.path())).as("the same text").isEqualTo(words(in));
        assertThat(unembeddedFonts(out.path())).isEmpty();
        assertThat(Poppler.run("pdfinfo", "-meta", out.path().toString()))
                .containsPattern("pdfaid:part(=\"|>)" + level.charAt(0))
                .containsPattern("pdfaid:conformance(=\"|>)" + Character.toUpperCase(level.charAt(1)));
        if (level.startsWith("1")) {
            assertThat(Poppler.info(out.path(), "PDF version")).isEqualTo("1.4");
        }
    }

    @Test
    void theDefaultIs2bAndTheInformationDictionaryAgreesWithTheNewPacket() throws Exception {
        ProducedFile out = convert(work, "pdfa", Map.of(), "pdf/text_only_pdfa1b.pdf").getFirst();

        assertThat(VeraPdf.brokenRules(out.path(), "2b")).isEmpty();
        String xmp = Poppler.run("pdfinfo", "-meta", out.path().toString());
        assertThat(xmp).as("the old claim of 1b is gone").containsPattern("pdfaid:part(=\"|>)2")
                .contains(Poppler.info(out.path(), "Title")).contains("Acrobat Distiller 9.5.2 (Windows)");
    }

    @Test
    void aFormWhoseLookWasLeftToTheViewerGetsOneDrawnAndEmbedded() throws Exception {
        ProducedFile out = convert(work, "pdfa", Map.of("level", "2b"), "pdf/pdflatex-forms.pdf").getFirst();

        assertThat(VeraPdf.brokenRules(out.path(), "2b")).isEmpty();
        assertThat(unembeddedFonts(out.path())).as("the fields' Helvetica is embedded").isEmpty();
        // the fields are drawn now, so a button's caption may be read twice
        assertThat(words(out.path())).containsAll(words(Corpus.file("pdf/pdflatex-forms.pdf")));
    }

    @Test
    void anAttachmentStaysIn3bAndGoesIn2b() throws Exception {
        ProducedFile kept = convert(work.resolve("3b"), "pdfa", Map.of("level", "3b"),
                Corpus.file("pdf/with-attachment.pdf")).getFirst();
        ProducedFile dropped = convert(work.resolve("2b"), "pdfa", Map.of("level", "2b"),
                Corpus.file("pdf/with-attachment.pdf")).getFirst();

        assertThat(VeraPdf.brokenRules(kept.path(), "3b")).isEmpty();
        assertThat(VeraPdf.brokenRules(dropped.path(), "2b")).isEmpty();
        assertThat(Poppler.run("pdfdetach", "-list", kept.path().toString())).contains("image.png");
        assertThat(Poppler.run("pdfdetach", "-list", dropped.path().toString())).startsWith("0 embedded files");
    }

    @Test
    void fontsWithoutUnicodeCannotBeLevelUAndTheJobSaysWhyWithNoFileLeft() {
        assertThatThrownBy(() -> convert(work, "pdfa", Map.of("level", "2u"), "pdf/TAMReview.pdf"))
                .isInstanceOf(ConversionFailed.class)
                .hasMessageContaining("not PDF/A-2u").hasMessageContaining("veraPDF found")
                .hasMessageContaining("6.2.11.7.2").hasMessageContaining("Unicode")
                .satisfies(e -> assertThat(((ConversionFailed) e).code()).isEqualTo(PdfaValidation.NOT_COMPLIANT));
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void withoutGhostscriptAFileThatNamesItsFontsIsEngineUnavailable() {
        var conversion = new PdfaConversion(() -> Ghostscript.probe(work.resolve("no-such-gs").toString(), 1));

        assertThatThrownBy(() -> conversion.run(PdfTasks.task(work, "pdfa", Map.of(), "pdf/TAMReview.pdf")))
                .isInstanceOf(ConversionFailed.class).hasMessageContaining("Times-Roman")
                .hasMessageContaining("Ghostscript is not installed")
                .satisfies(e -> assertThat(((ConversionFailed) e).code()).isEqualTo(ErrorCode.ENGINE_UNAVAILABLE));
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void anEncryptedSourceOpensWithItsPasswordAndTheResultIsNotEncrypted() throws Exception {
        // RC4 with embedded fonts (PDFBox alone), AES-256 with Courier only named (Ghostscript, given the password)
        for (String[] source : List.of(new String[] {"bad/libreoffice-writer-password.pdf", "openpassword"},
                new String[] {"bad/PasswordSample-256bit.pdf", "user"})) {
            Path dir = work.resolve(source[1]);
            ProducedFile out = convert(dir, "pdfa", Map.of("password", source[1]), Corpus.file(source[0])).getFirst();

            assertThat(VeraPdf.brokenRules(out.path(), "2b")).as(source[0]).isEmpty();
            assertThat(Poppler.info(out.path(), "Encrypted")).isEqualTo("no");
            assertThat(words(out.path())).isEqualTo(words(Poppler.run("pdftotext", "-q", "-layout", "-upw",
                    source[1], Corpus.file(source[0]).toString(), "-")));
        }
        assertThatThrownBy(() -> convert(work.resolve("none"), "pdfa", Map.of(), Corpus.file("bad/PasswordSample-256bit.pdf")))
                .isInstanceOf(ConversionFailed.class)
                .satisfies(e -> assertThat(((ConversionFailed) e).code()).isEqualTo(ErrorCode.PASSWORD_REQUIRED));
    }

    @Test
    void anUnknownLevelIsRefused() {
        assertThatThrownBy(() -> convert(work, "pdfa", Map.of("level", "4f"), "pdf/minimal-document.pdf"))
                .isInstanceOf(ConversionFailed.class).hasMessageContaining("1b, 2b, 3b, 2u, 3u")
                .satisfies(e -> assertThat(((ConversionFailed) e).code()).isEqualTo(ErrorCode.INVALID_OPTION));
    }

    @Test
    void theOperationIsListedWithItsLevels() {
        var capability = new PdfConverter().capabilities().stream().filter(c -> c.to().equals("pdfa")).findFirst().orElseThrow();

        assertThat(capability.outputExt()).isEqualTo("pdf");
        assertThat(capability.options()).anySatisfy(o -> assertThat(o.name()).isEqualTo("level"))
                .anySatisfy(o -> assertThat(o.name()).isEqualTo("password"));
    }

    /**
     * The words pdftotext reads, sorted: Ghostscript rewrites spacing, blank lines and the order of
     * a figure's labels, and gives glyphs that map to no character other arbitrary codes (TAMReview's
     * hyphen: a control code before, U+01E6 after), so these separate words like a space. The corpus
     * files compared are Latin text.
     */
    private static List<String> words(Path pdf) {
        return words(Poppler.text(pdf));
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.replaceAll("[^\\u0021-\\u00FF\\u2000-\\u206F]", " ").strip().split("\\s+"))
                .filter(w -> !w.isEmpty()).sorted().toList();
    }

    private static List<String> unembeddedFonts(Path pdf) {
        return Poppler.run("pdffonts", pdf.toString()).lines().skip(2)
                .filter(l -> l.matches(".*\\s+no\\s+(yes|no)\\s+(yes|no)\\s+\\d+\\s+\\d+\\s*$")).toList();
    }
}
