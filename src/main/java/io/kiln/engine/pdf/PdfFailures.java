package io.kiln.engine.pdf;

import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.FileSystemException;

/**
 * Turns what PDFBox throws into the client's code and sentence. PDFBox reports damage lazily, so any
 * step (not only opening) may fail; its messages are kept as the cause for the log, never shown.
 */
public final class PdfFailures {

    static final String DAMAGED = "The PDF is damaged or is not a PDF, and could not be read.";

    private PdfFailures() {
    }

    /** The failure to report for {@code e}, or an {@link InterruptedException} if the job was cancelled. */
    public static ConversionFailed translate(Throwable e) throws InterruptedException {
        if (e instanceof ConversionFailed failed) {
            return failed;
        }
        // an interrupt during file I/O surfaces as an I/O error; it is a cancellation, not damage
        if (Thread.interrupted() || e instanceof InterruptedIOException || e instanceof ClosedByInterruptException) {
            InterruptedException cancelled = new InterruptedException("conversion cancelled");
            cancelled.initCause(e);
            throw cancelled;
        }
        if (e instanceof FileSystemException) {
            return new ConversionFailed(ErrorCode.ENGINE_FAILED, "The converted file could not be written.", e);
        }
        return new ConversionFailed(ErrorCode.CORRUPT_DOCUMENT, DAMAGED, e);
    }
}
