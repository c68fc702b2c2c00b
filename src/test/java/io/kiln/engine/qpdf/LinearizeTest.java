package io.kiln.engine.qpdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.engine.Availability;
import io.kiln.engine.ConversionTask;
import io.kiln.engine.Options;
import io.kiln.engine.ProducedFile;
import io.kiln.engine.pdf.PdfConverter;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Poppler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pdf → linearize by qpdf: what qpdf --check and pdfinfo say of the output, and each way it fails. */
class LinearizeTest {

    private static final String FOUR = "pdf/pdflatex-4-pages.pdf";
    private final QpdfConverter qpdf = QpdfConverter.probe(QpdfConverter.DEFAULT_PROGRAM, 2);

    @TempDir
    Path work;

    @Test
    void theOutputIsLinearizedAndSaysWhatTheSourceSaid() throws Exception {
        assertThat(qpdf.availability().isReady()).as(qpdf.availability().detail()).isTrue();
        ProducedFile out = linearize(Corpus.file(FOUR), Map.of(), Duration.ofMinutes(1));
        assertThat(Poppler.run("qpdf", "--check", out.path().toString())).contains("File is linearized");
        assertThat(Poppler.info(out.path(), "Optimized")).isEqualTo("yes");
        assertThat(Poppler.info(Corpus.file(FOUR), "Optimized")).as("the source was not").isEqualTo("no");
        assertThat(Poppler.text(out.path())).isEqualTo(Poppler.text(Corpus.file(FOUR)));
        assertThat(out.name()).isEqualTo("out.pdf");
    }

    @Test
    void anEncryptedSourceOpensWithItsPasswordAndComesOutOpen() throws Exception {
        Path locked = new PdfConverter().convert(new ConversionTask("pdf", "protect", List.of(Corpus.file(FOUR)),
                new Options(Map.of("userPassword", "letmein")), Files.createDirectories(work.resolve("locked")), "locked",
                Duration.ofMinutes(1), 1000)).getFirst().path();
        ProducedFile out = linearize(locked, Map.of("password", "letmein"), Duration.ofMinutes(1));
        assertThat(Poppler.info(out.path(), "Encrypted")).startsWith("no");
        assertThat(Poppler.info(out.path(), "Optimized")).isEqualTo("yes");

        assertThatThrownBy(() -> linearize(locked, Map.of("password", "wrong"), Duration.ofMinutes(1)))
                .isInstanceOf(ConversionFailed.class)
                .satisfies(e -> assertThat(((ConversionFailed) e).code()).isEqualTo(ErrorCode.PASSWORD_INCORRECT));
    }

    @Test
    void aFileThatIsNoPdfATimeLimitAndAMissingProgramEachHaveTheirCode() throws Exception {
        Path junk = Files.writeString(work.resolve("junk.pdf"), "this is not a PDF at all");
        assertThatThrownBy(() -> linearize(junk, Map.of(), Duration.ofMinutes(1))).isInstanceOf(ConversionFailed.class)
                .satisfies(e -> assertThat(((ConversionFailed) e).code()).isEqualTo(ErrorCode.CORRUPT_DOCUMENT));
        assertThatThrownBy(() -> linearize(Corpus.file("pdf/tracemonkey.pdf"), Map.of(), Duration.ofNanos(1)))
                .isInstanceOf(ConversionFailed.class)
                .satisfies(e -> assertThat(((ConversionFailed) e).code()).isEqualTo(ErrorCode.TIMEOUT));

        QpdfConverter absent = QpdfConverter.probe("/nonexistent/qpdf", 1);
        assertThat(absent.availability().state()).isEqualTo(Availability.State.UNAVAILABLE);
        assertThat(absent.availability().detail()).contains("apt install qpdf");
        assertThatThrownBy(() -> absent.convert(task(Corpus.file(FOUR), Map.of(), Duration.ofMinutes(1))))
                .isInstanceOf(ConversionFailed.class)
                .satisfies(e -> assertThat(((ConversionFailed) e).code()).isEqualTo(ErrorCode.ENGINE_UNAVAILABLE));
    }

    private ProducedFile linearize(Path source, Map<String, String> options, Duration timeout) throws Exception {
        return qpdf.convert(task(source, options, timeout)).getFirst();
    }

    private ConversionTask task(Path source, Map<String, String> options, Duration timeout) throws Exception {
        Path dir = Files.createTempDirectory(work, "run");
        return new ConversionTask("pdf", "linearize", List.of(source), new Options(options), dir, "out", timeout, 1000);
    }
}
