package io.kiln.engine.pdf;

import static io.kiln.engine.pdf.PdfTasks.convert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FailureTest {

    private static final Set<ErrorCode> DOCUMENT_CODES = EnumSet.of(ErrorCode.CORRUPT_DOCUMENT,
            ErrorCode.PASSWORD_REQUIRED, ErrorCode.UNSUPPORTED_FORMAT);

    @TempDir
    Path work;

    static Stream<String> badPdfs() throws IOException {
        try (Stream<Path> files = Files.list(Corpus.root().resolve("bad"))) {
            return files.map(p -> "bad/" + p.getFileName()).filter(n -> n.endsWith(".pdf")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("badPdfs")
    void everyBadPdfConvertsOrFailsWithADocumentCode(String file) throws Exception {
        for (String to : List.of("info", "txt")) {
            Path dir = Files.createDirectories(work.resolve(to));
            try {
                List<ProducedFile> out = convert(dir, to, Map.of(), file);
                assertThat(out).allSatisfy(f -> assertThat(f.path()).isNotEmptyFile());
            } catch (ConversionFailed e) {
                assertThat(e.code()).as(file + " to " + to).isIn(DOCUMENT_CODES);
                assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("\tat ");
            }
        }
    }

    @Test
    void emptyTruncatedAndNonPdfFilesAreCorrupt() {
        for (String file : List.of("bad/empty.pdf", "bad/jpeg-named-as.pdf", "bad/tracemonkey-truncated.pdf",
                "bad/T02-01_001_document-catalog-No-document-catalog.pdf")) {
            assertThatThrownBy(() -> convert(work, "txt", Map.of(), file)).as(file)
                    .isInstanceOfSatisfying(ConversionFailed.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_DOCUMENT));
        }
    }

    @Test
    void moreThanTheAllowedPagesIsRefused() {
        assertThatThrownBy(() -> new PdfConverter().convert(
                PdfTasks.task(work, "txt", Map.of(), 3, "pdf/pdflatex-4-pages.pdf")))
                .isInstanceOfSatisfying(ConversionFailed.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_PAGES);
                    assertThat(e.getMessage()).contains("4 pages", "3");
                });
    }

    @Test
    void mergedPagesCountTowardsTheLimit() {
        assertThatThrownBy(() -> new PdfConverter().convert(PdfTasks.task(work, "merge", Map.of(), 4,
                "pdf/pdflatex-4-pages.pdf", "pdf/minimal-document.pdf")))
                .isInstanceOfSatisfying(ConversionFailed.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_PAGES));
    }

    @Test
    void pagesOutsideTheDocumentAreAnInvalidOption() {
        assertThatThrownBy(() -> convert(work, "split", Map.of("pages", "2-9"), "pdf/pdflatex-4-pages.pdf"))
                .isInstanceOfSatisfying(ConversionFailed.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION));
    }

    @Test
    void anotherSourceFormatIsNotOurs() {
        assertThatThrownBy(() -> new PdfConverter().convert(new io.kiln.engine.ConversionTask("docx", "txt",
                List.of(Corpus.file("pdf/minimal-document.pdf")), io.kiln.engine.Options.NONE, work, "out",
                java.time.Duration.ofMinutes(1), 10)))
                .isInstanceOfSatisfying(ConversionFailed.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_CONVERSION));
    }
}
