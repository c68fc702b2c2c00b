package io.kiln.engine.pdf;

import io.kiln.engine.ConversionTask;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/** Opens a source PDF with the task's password and page limit, naming every way that can fail. */
public final class PdfLoader {

    private PdfLoader() {
    }

    /** The open document; the caller closes it. */
    public static PDDocument open(Path file, ConversionTask task) throws InterruptedException {
        Cancellation.check();
        Optional<String> password = task.options().password().filter(p -> !p.isEmpty());
        PDDocument doc = load(file, password);
        try {
            PageLimit.check(doc.getNumberOfPages(), task.maxPages());
            return doc;
        } catch (RuntimeException e) {
            closeQuietly(doc);
            throw PdfFailures.translate(e);
        }
    }

    private static PDDocument load(Path file, Optional<String> password) throws InterruptedException {
        if (isEmpty(file)) {
            throw new ConversionFailed(ErrorCode.CORRUPT_DOCUMENT, "The file is empty.");
        }
        try {
            return read(file, password.orElse(""));
        } catch (InvalidPasswordException e) {
            rejectPublicKeySecurity(file, e);
            if (password.isEmpty()) {
                throw new ConversionFailed(ErrorCode.PASSWORD_REQUIRED,
                        "The PDF is protected by a password; give it in the password option.", e);
            }
            return withoutPassword(file).orElseThrow(() -> new ConversionFailed(
                    ErrorCode.PASSWORD_INCORRECT, "The password given does not open this PDF.", e));
        } catch (IOException | RuntimeException | LinkageError e) {
            rejectPublicKeySecurity(file, e);
            if (e instanceof LinkageError error) {
                throw error;
            }
            throw PdfFailures.translate(e);
        }
    }

    private static PDDocument read(Path file, String password) throws IOException {
        // temp-file cache: large documents are not held in memory
        return Loader.loadPDF(file.toFile(), password, null, null, IOUtils.createTempFileOnlyStreamCache());
    }

    /** A wrong password is harmless when the document opens without one (empty user password). */
    private static Optional<PDDocument> withoutPassword(Path file) {
        try {
            return Optional.of(read(file, ""));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void rejectPublicKeySecurity(Path file, Throwable cause) {
        if (PublicKeySecurity.isUsedBy(file)) {
            throw new ConversionFailed(ErrorCode.UNSUPPORTED_FORMAT,
                    "The PDF is encrypted for specific certificate holders; it cannot be opened with a password.",
                    cause);
        }
    }

    private static boolean isEmpty(Path file) {
        try {
            return Files.size(file) == 0;
        } catch (IOException e) {
            return false; // let the load report it
        }
    }

    static void closeQuietly(PDDocument doc) {
        try {
            doc.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing useful to do: the document was only read
        }
    }
}
