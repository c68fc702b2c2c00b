package io.kiln.engine.pdfa;

import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import org.verapdf.core.EncryptedPdfException;
import org.verapdf.core.ModelParsingException;
import org.verapdf.core.ValidationException;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;
import org.verapdf.processor.reports.enums.JobEndStatus;

/**
 * The veraPDF check every PDF/A output passes: writing the identification into a file proves
 * nothing, and a file that claims PDF/A but is not one fails in the archive years later, where no
 * one can repair it. A file that does not pass is a failed job whose message carries veraPDF's
 * reasons. veraPDF keeps per-thread state, so each check runs on a thread of its own (nothing stays
 * behind in the worker's), and a cancelled job cancels the check.
 */
public final class PdfaValidation {

    /**
     * The code of a result that is not PDF/A: the document has something (a font that cannot be
     * embedded, device colours, ...) the level does not allow; asking again will not change it.
     */
    public static final ErrorCode NOT_COMPLIANT = ErrorCode.UNSUPPORTED_FORMAT;
    /** How many distinct broken rules a message names. */
    static final int REASONS = 4;
    private static final int DESCRIPTION_CHARS = 220;
    private static final long STACK_BYTES = 16L << 20; // deep documents recurse deeply

    /** veraPDF warns through java.util.logging of every oddity it reads past; the verdict says what matters. */
    private static final java.util.logging.Logger VERAPDF_LOG = java.util.logging.Logger.getLogger("org.verapdf");

    static {
        VERAPDF_LOG.setLevel(java.util.logging.Level.SEVERE);
        VeraGreenfieldFoundryProvider.initialise();
    }

    private PdfaValidation() {
    }

    /** veraPDF's verdict on {@code file} at {@code level}. */
    public static PdfaVerdict check(Path file, PdfaLevel level) throws InterruptedException {
        AtomicReference<PDFAValidator> running = new AtomicReference<>();
        FutureTask<PdfaVerdict> check = new FutureTask<>(() -> validate(file.toFile(), level, running));
        Thread thread = Thread.ofPlatform().name("pdfa-validation").daemon().stackSize(STACK_BYTES).start(check);
        try {
            return check.get();
        } catch (InterruptedException e) {
            PDFAValidator validator = running.get();
            if (validator != null) {
                validator.cancelValidation(JobEndStatus.CANCELLED);
            }
            thread.interrupt();
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConversionFailed failed) {
                throw failed;
            }
            throw new ConversionFailed(ErrorCode.ENGINE_FAILED, "veraPDF could not check the result.", cause);
        }
    }

    /** Throws a failed conversion, with veraPDF's reasons, unless {@code file} is {@code level}. */
    public static void require(Path file, PdfaLevel level) throws InterruptedException {
        PdfaVerdict verdict = check(file, level);
        if (!verdict.compliant()) {
            throw new ConversionFailed(NOT_COMPLIANT, verdict.explanation());
        }
    }

    private static PdfaVerdict validate(File file, PdfaLevel level, AtomicReference<PDFAValidator> running)
            throws Exception {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(file, level.flavour());
             PDFAValidator validator = Foundries.defaultInstance().createValidator(level.flavour(), false)) {
            running.set(validator);
            ValidationResult result = validator.validate(parser);
            if (result.getJobEndStatus() == JobEndStatus.CANCELLED) {
                throw new InterruptedException("validation cancelled");
            }
            return new PdfaVerdict(level, result.isCompliant(), reasons(result.getTestAssertions()));
        } catch (EncryptedPdfException e) {
            return new PdfaVerdict(level, false, List.of("6.1.3: the file is encrypted"));
        } catch (ModelParsingException | ValidationException e) {
            return new PdfaVerdict(level, false, List.of("the file could not be parsed (" + e.getMessage() + ")"));
        }
    }

    /** The first few distinct failed rules, in the order veraPDF met them. */
    static List<String> reasons(List<TestAssertion> assertions) {
        Map<String, String> rules = new LinkedHashMap<>();
        for (TestAssertion a : assertions) {
            if (a.getStatus() != TestAssertion.Status.FAILED || rules.size() == REASONS) {
                continue;
            }
            String rule = a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber();
            rules.putIfAbsent(rule, shorten(a.getMessage()));
        }
        return rules.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
    }

    private static String shorten(String description) {
        String flat = description == null ? "" : description.replaceAll("\\s+", " ").strip();
        return flat.length() <= DESCRIPTION_CHARS ? flat : flat.substring(0, DESCRIPTION_CHARS - 1) + "…";
    }
}
