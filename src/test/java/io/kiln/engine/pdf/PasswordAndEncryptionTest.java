package io.kiln.engine.pdf;

import static io.kiln.engine.pdf.PdfTasks.convert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordAndEncryptionTest {

    @TempDir
    Path work;

    @Test
    void protectSetsAes256AndEachPermissionAsQpdfReadsThem() throws Exception {
        ProducedFile out = convert(work, "protect", Map.of("userPassword", "open-sesame", "ownerPassword", "owner-only",
                "allowPrint", "false", "allowAnnotate", "false", "allowFillForms", "true", "allowCopy", "false"),
                "pdf/minimal-document.pdf").getFirst();
        String shown = io.kiln.testing.Poppler.run("qpdf", "--show-encryption", "--password=open-sesame", out.path().toString());
        assertThat(shown).contains("R = 6").contains("file encryption method: AESv3")
                .contains("print high resolution: not allowed").contains("modify annotations: not allowed")
                .contains("modify forms: allowed").contains("extract for any purpose: not allowed")
                .contains("Supplied password is user password");
        assertThat(io.kiln.testing.Poppler.run("qpdf", "--show-encryption", "--password=owner-only", out.path().toString()))
                .contains("Supplied password is owner password");
        assertThatThrownBy(() -> Loader.loadPDF(out.path().toFile())).isInstanceOf(InvalidPasswordException.class);
    }

    @Test
    void aes128AndTheFinerPermissionsAreWrittenAsAsked() throws Exception {
        ProducedFile out = convert(work, "protect", Map.of("ownerPassword", "owner-only", "algorithm", "aes-128",
                "allowPrintHighQuality", "false", "allowAssemble", "false"), "pdf/minimal-document.pdf").getFirst();
        String shown = io.kiln.testing.Poppler.run("qpdf", "--show-encryption", out.path().toString());
        assertThat(shown).contains("R = 4").contains("file encryption method: AESv2")
                .contains("print low resolution: allowed").contains("print high resolution: not allowed")
                .contains("modify document assembly: not allowed").contains("modify other: allowed");
    }

    @Test
    void encryptedResultNeedsTheUserPassword() throws Exception {
        ProducedFile out = convert(work, "encrypt", Map.of("userPassword", "s3cret", "allowPrint", "false"),
                "pdf/pdflatex-4-pages.pdf").getFirst();

        assertThat(out.pageCount()).isEqualTo(4);
        assertThatThrownBy(() -> Loader.loadPDF(out.path().toFile()).close())
                .isInstanceOf(InvalidPasswordException.class);
        try (PDDocument doc = Loader.loadPDF(out.path().toFile(), "s3cret")) {
            assertThat(doc.getNumberOfPages()).isEqualTo(4);
            assertThat(doc.getEncryption().getLength()).isEqualTo(256);
            // a random owner password was set, so the user password does not lift the restriction
            assertThat(doc.getCurrentAccessPermission().canPrint()).isFalse();
        }
    }

    @Test
    void ownerPasswordAloneRestrictsWithoutHidingTheContent() throws Exception {
        ProducedFile out = convert(work, "encrypt",
                Map.of("ownerPassword", "boss", "allowPrint", "false", "allowCopy", "no"),
                "pdf/minimal-document.pdf").getFirst();

        try (PDDocument doc = Loader.loadPDF(out.path().toFile())) {
            assertThat(doc.isEncrypted()).isTrue();
            assertThat(doc.getCurrentAccessPermission().canPrint()).isFalse();
            assertThat(doc.getCurrentAccessPermission().canExtractContent()).isFalse();
            assertThat(doc.getCurrentAccessPermission().canModify()).isTrue();
        }
        try (PDDocument doc = Loader.loadPDF(out.path().toFile(), "boss")) {
            assertThat(doc.getCurrentAccessPermission().isOwnerPermission()).isTrue();
        }
    }

    @Test
    void encryptNeedsAPassword() {
        assertFails(() -> convert(work, "encrypt", Map.of("allowPrint", "false"), "pdf/minimal-document.pdf"),
                ErrorCode.INVALID_OPTION);
    }

    @ParameterizedTest
    @CsvSource({"bad/libreoffice-writer-password.pdf, openpassword", "bad/PasswordSample-256bit.pdf, user",
            "bad/PasswordSample-256bit.pdf, owner"})
    void decryptWritesAnUnencryptedCopy(String file, String password) throws Exception {
        ProducedFile out = convert(work, "decrypt", Map.of("password", password), file).getFirst();

        try (PDDocument doc = Loader.loadPDF(out.path().toFile())) {
            assertThat(doc.isEncrypted()).isFalse();
            assertThat(doc.getNumberOfPages()).isEqualTo(1).isEqualTo(out.pageCount());
        }
    }

    @Test
    void aMissingPasswordIsRequired() {
        assertFails(() -> convert(work, "decrypt", Map.of(), "bad/libreoffice-writer-password.pdf"),
                ErrorCode.PASSWORD_REQUIRED);
        assertFails(() -> convert(work, "txt", Map.of("password", ""), "bad/PasswordSample-256bit.pdf"),
                ErrorCode.PASSWORD_REQUIRED);
    }

    @Test
    void aWrongPasswordIsIncorrect() {
        assertFails(() -> convert(work, "info", Map.of("password", "nope"), "bad/PasswordSample-256bit.pdf"),
                ErrorCode.PASSWORD_INCORRECT);
    }

    @Test
    void aWrongPasswordIsHarmlessWhenNoneIsNeeded() throws Exception {
        ProducedFile out = convert(work, "decrypt", Map.of("password", "whatever", "pages", "1-2"),
                "bad/testPDF_protected.pdf").getFirst();

        assertThat(out.pageCount()).isEqualTo(2);
    }

    @Test
    void certificateSecurityIsUnsupported() {
        assertFails(() -> convert(work, "info", Map.of(), "bad/AESkeylength128.pdf"), ErrorCode.UNSUPPORTED_FORMAT);
        assertFails(() -> convert(work, "txt", Map.of("password", "x"), "bad/AESkeylength128.pdf"),
                ErrorCode.UNSUPPORTED_FORMAT);
    }

    private static void assertFails(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ConversionFailed.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).endsWith(".").doesNotContain("Exception");
        });
    }
}
