package io.kiln.engine.ocr;

import static io.kiln.engine.ocr.OcrTasks.convert;
import static io.kiln.engine.ocr.OcrTasks.converter;
import static io.kiln.engine.ocr.OcrTasks.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RejectionTest {

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"xyz", "eng+xyz", "eng+", "osd"})
    void aLanguageThatIsNotInstalledIsRefusedByName(String lang) {
        Path png = Corpus.file("images/testOCR.png");

        assertThatThrownBy(() -> convert(converter(), "png", "ocr", png, Map.of("lang", lang), work))
                .isInstanceOfSatisfying(ConversionFailed.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION);
                    assertThat(e.getMessage()).startsWith("lang: '").contains("installed: ").contains("eng");
                });
    }

    @ParameterizedTest
    @CsvSource({
            "pdf, bad/empty.pdf, corrupt_document",
            "pdf, bad/jpeg-named-as.pdf, corrupt_document",
            "pdf, bad/tracemonkey-truncated.pdf, corrupt_document",
            "pdf, bad/T02-01_001_document-catalog-No-document-catalog.pdf, corrupt_document",
            "pdf, bad/PasswordSample-256bit.pdf, password_required",
            "pdf, bad/AESkeylength128.pdf, unsupported_format",
            "png, bad/jpeg-named-as.pdf, corrupt_document",
            "tiff, images/testOCR.png, corrupt_document",
            "jpg, bad/empty.pdf, corrupt_document"})
    void aDamagedOrMislabelledSourceFailsWithADocumentCode(String from, String file, String code) {
        for (String to : new String[] {"ocr", "ocr-txt"}) {
            assertThatThrownBy(() -> convert(converter(), from, to, Corpus.file(file), Map.of(), work))
                    .as(file + " as " + from + " to " + to)
                    .isInstanceOfSatisfying(ConversionFailed.class, e -> {
                        assertThat(e.code().code()).isEqualTo(code);
                        assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("\tat ");
                    });
        }
    }

    @Test
    void aTruncatedImageIsCorrupt() throws IOException {
        byte[] png = Files.readAllBytes(Corpus.file("images/testOCR.png"));
        Path truncated = Files.write(work.resolve("truncated.png"), Arrays.copyOf(png, png.length / 2));

        assertThatThrownBy(() -> convert(converter(), "png", "ocr", truncated, Map.of(), work))
                .isInstanceOfSatisfying(ConversionFailed.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_DOCUMENT));
    }

    @Test
    void aTextFileNamingOtherFilesIsNotReadAsAnImage() throws IOException {
        // tesseract reads a file that is no image as a list of images to read: it must never get one
        Path list = Files.writeString(work.resolve("list.png"), Corpus.file("images/testOCR.png") + "\n");

        assertThatThrownBy(() -> convert(converter(), "png", "ocr-txt", list, Map.of(), work))
                .isInstanceOfSatisfying(ConversionFailed.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_DOCUMENT));
    }

    @Test
    void anEncryptedPdfIsReadWithItsPassword() throws Exception {
        ProducedFile out = convert(converter(), "pdf", "ocr", Corpus.file("bad/PasswordSample-256bit.pdf"),
                Map.of("password", "user", "dpi", "100"), work);

        assertThat(out.pageCount()).isEqualTo(1);
        assertThat(Files.readAllBytes(out.path())).asString().doesNotContain("/Encrypt");
    }

    @Test
    void moreSourcePagesThanTheLimitFailWithTooManyPages() throws IOException {
        OcrConverter converter = converter();
        Path pdf = TestDocuments.vectorPdf(work.resolve("three.pdf"), KnownText.PARAGRAPHS.subList(0, 3));
        Path tiff = TestDocuments.tiff(TestDocuments.pageImages(pdf, 20), work.resolve("three.tiff"));

        for (var source : Map.of("pdf", pdf, "tiff", tiff).entrySet()) {
            assertThatThrownBy(() -> converter.convert(task(source.getKey(), "ocr", source.getValue(), Map.of(), work,
                    Duration.ofMinutes(1), 2)))
                    .isInstanceOfSatisfying(ConversionFailed.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_PAGES));
        }
    }

    @Test
    void pagesOutsideTheSourceAreAnInvalidOption() {
        assertThatThrownBy(() -> convert(converter(), "png", "ocr", Corpus.file("images/testOCR.png"),
                Map.of("pages", "2"), work))
                .isInstanceOfSatisfying(ConversionFailed.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION));
    }

    @Test
    void anotherConversionIsNotTheEnginesToDo() {
        assertThatThrownBy(() -> convert(converter(), "docx", "ocr", Corpus.file("images/testOCR.png"), Map.of(), work))
                .isInstanceOfSatisfying(ConversionFailed.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_CONVERSION));
    }
}
