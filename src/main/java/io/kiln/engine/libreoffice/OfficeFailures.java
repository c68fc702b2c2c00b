package io.kiln.engine.libreoffice;

import com.sun.star.lang.DisposedException;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.util.concurrent.CancellationException;

/**
 * Turns what LibreOffice and JODConverter report into the client's code and sentence. LibreOffice's
 * own messages (often just "loadComponentFromURL returned an empty reference") are kept as the cause
 * for the log, never shown.
 */
final class OfficeFailures {

    private OfficeFailures() {
    }

    /** A document LibreOffice would not open: encrypted (it asked for a password) or damaged. */
    static DocumentRejected unreadable(OfficeConversion job, Throwable cause) {
        if (!job.passwordAsked() && EncryptedContainer.matches(job.source())) {
            // LibreOffice cannot decrypt this kind (it says "damaged" without asking for a password)
            return job.passwordGiven()
                    ? OfficeConversion.rejected(ErrorCode.PASSWORD_INCORRECT,
                            "The document is encrypted, and LibreOffice could not open it with the password given.", cause)
                    : OfficeConversion.rejected(ErrorCode.PASSWORD_REQUIRED,
                            "The document is protected by a password; give it with the password option.", cause);
        }
        if (job.passwordAsked()) {
            return job.passwordGiven()
                    ? OfficeConversion.rejected(ErrorCode.PASSWORD_INCORRECT,
                            "The password given does not open this document.", cause)
                    : OfficeConversion.rejected(ErrorCode.PASSWORD_REQUIRED,
                            "The document is protected by a password; give it with the password option.", cause);
        }
        return OfficeConversion.rejected(ErrorCode.CORRUPT_DOCUMENT, "The document is damaged or is not a "
                + job.from() + " file, and LibreOffice could not open it.", cause);
    }

    /** Whether {@code e} says the office process went away (crashed, killed or disconnected). */
    static boolean lostProcess(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DisposedException || t instanceof CancellationException
                    || t instanceof com.sun.star.connection.NoConnectException) {
                return true;
            }
        }
        return false;
    }

    /** The failure to report for what a conversion threw that is not a {@link DocumentRejected}. */
    static ConversionFailed unexpected(Throwable e, String from, String to) {
        return new ConversionFailed(ErrorCode.ENGINE_FAILED,
                "LibreOffice failed to convert the " + from + " file to " + to + ".", e);
    }
}
