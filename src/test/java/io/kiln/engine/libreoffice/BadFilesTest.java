package io.kiln.engine.libreoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.testing.Corpus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The corpus' encrypted, truncated and mislabelled office files, each answered in its own terms. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadFilesTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);

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

    private static ProducedFile convert(String file, String from, String to, Map<String, String> options)
            throws Exception {
        long started = System.nanoTime();
        try {
            return converter.convert(OfficeTasks.task(Corpus.file(file), from, to, options, LIMIT)).getFirst();
        } finally {
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LIMIT);
        }
    }

    private static void assertFails(String file, String from, String to, Map<String, String> options, ErrorCode code) {
        assertThatThrownBy(() -> convert(file, from, to, options)).isInstanceOf(ConversionFailed.class)
                .satisfies(e -> assertThat(((ConversionFailed) e).code()).as(file).isEqualTo(code));
    }

    @ParameterizedTest
    @CsvSource({
        "bad/encrypted-with-pwd_hello.odt, odt, hello",
        "bad/extenxls_pwd123.xlsx, xlsx, pwd123",
        "bad/testPPT_protected_passtika.pptx, pptx, tika",
        "bad/password_password_cryptoapi.doc, doc, password",
    })
    void anEncryptedDocumentNeedsItsPasswordAndOpensWithIt(String file, String from, String password) throws Exception {
        assertFails(file, from, "pdf", Map.of(), ErrorCode.PASSWORD_REQUIRED);
        assertFails(file, from, "pdf", Map.of("password", "not-" + password), ErrorCode.PASSWORD_INCORRECT);

        ProducedFile pdf = convert(file, from, "pdf", Map.of("password", password));

        assertThat(OfficeTasks.pdfPages(pdf)).isPositive();
    }

    /** LibreOffice 7.4 cannot decrypt these; it calls them damaged, Kiln recognises the encryption. */
    @ParameterizedTest
    @CsvSource({
        "bad/bug53475-password-is-pass.docx, docx, pass",
        "bad/Password_Protected-hello.ppt, ppt, hello",
    })
    void anEncryptedDocumentLibreOfficeCannotDecryptIsStillReportedAsEncrypted(String file, String from,
                                                                               String password) {
        assertFails(file, from, "pdf", Map.of(), ErrorCode.PASSWORD_REQUIRED);
        assertFails(file, from, "pdf", Map.of("password", password), ErrorCode.PASSWORD_INCORRECT);
    }

    @ParameterizedTest
    @CsvSource({
        "bad/testWORD_truncated.docx, docx",
        "bad/truncated62886.docx, docx",
        "bad/SampleShow-truncated.pptx, pptx",
        "bad/pictures.ppt, ppt",
    })
    void aDamagedDocumentIsCorrupt(String file, String from) {
        assertFails(file, from, "pdf", Map.of(), ErrorCode.CORRUPT_DOCUMENT);
    }

    @ParameterizedTest
    @CsvSource({
        "bad/empty.docx, docx",
        "bad/empty_file.ods, ods",
        "bad/testODTnotaZipFile.odt, odt",
        "bad/rtf-named-as.doc, rtf",
        "bad/testWORDML_tableInsideParagraph.doc, doc",
        "bad/testWordPerfect_42.doc, doc",
    })
    void whatLibreOfficeCanReadAnywayIsConverted(String file, String from) throws Exception {
        ProducedFile pdf = convert(file, from, "pdf", Map.of());

        assertThat(OfficeTasks.pdfPages(pdf)).isPositive();
    }

    @Test
    void anEncryptedPdfNeedsItsPasswordForWritersImport() throws Exception {
        assertFails("bad/libreoffice-writer-password.pdf", "pdf", "docx", Map.of(), ErrorCode.PASSWORD_REQUIRED);

        ProducedFile docx = convert("bad/libreoffice-writer-password.pdf", "pdf", "docx",
                Map.of("password", "openpassword"));

        assertThat(docx.pageCount()).isPositive();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void thePoolIsHealthyAfterwards() {
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(1))
                .until(() -> pool.readyProcesses() == pool.size() && pool.busyProcesses().isEmpty());
        assertThat(pool.restarts()).containsEntry(RestartReason.CRASH, 0L).containsEntry(RestartReason.TIMEOUT, 0L);
    }
}
