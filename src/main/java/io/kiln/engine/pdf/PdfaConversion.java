package io.kiln.engine.pdf;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.ProducedFile;
import io.kiln.engine.pdfa.Ghostscript;
import io.kiln.engine.pdfa.PdfaLevel;
import io.kiln.engine.pdfa.PdfaValidation;
import io.kiln.engine.pdfa.PdfaVerdict;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * {@code pdf → pdfa}: the document as PDF/A at {@code level} (1b, 2b, 3b, 2u, 3u; default 2b). PDFBox
 * writes the identification and output intent and removes what PDF/A forbids
 * ({@link PdfaIdentification}, {@link PdfaCleanup}); a document whose fonts are not all embedded, or
 * that PDFBox alone cannot make compliant (device CMYK, LZW streams, broken fonts), goes through
 * {@link Ghostscript} first. veraPDF has the last word: a result it does not pass is a failed job
 * carrying its reasons, never a file called PDF/A.
 */
final class PdfaConversion implements PdfOperation {

    private static final String REWRITTEN = "pdfa-ghostscript.pdf";

    private final Supplier<Ghostscript> ghostscript;

    /** {@code ghostscript} is asked for only when a document needs it, so a server without it starts as fast. */
    PdfaConversion(Supplier<Ghostscript> ghostscript) {
        this.ghostscript = ghostscript;
    }

    @Override
    public List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException {
        OutputFiles files = new OutputFiles(task);
        try {
            return convert(task, files);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // what failed the check must not be mistaken for the result
            Files.deleteIfExists(files.path(files.name(null, "pdf")));
            throw e;
        } finally {
            Files.deleteIfExists(files.path(REWRITTEN));
        }
    }

    private List<ProducedFile> convert(ConversionTask task, OutputFiles files) throws IOException, InterruptedException {
        long started = System.nanoTime();
        PdfaLevel level = level(task);
        Set<String> unembedded;
        try (PDDocument doc = PdfLoader.open(task.input(), task)) {
            unembedded = UnembeddedFonts.of(doc);
            if (unembedded.isEmpty()) {
                ProducedFile out = write(doc, level, files);
                PdfaVerdict verdict = PdfaValidation.check(out.path(), level);
                if (verdict.compliant()) {
                    return List.of(out);
                }
                if (ghostscript.get().problem().isPresent()) {
                    throw new ConversionFailed(PdfaValidation.NOT_COMPLIANT, verdict.explanation());
                }
            }
        }
        if (!unembedded.isEmpty() && ghostscript.get().problem().isPresent()) {
            throw new ConversionFailed(ErrorCode.ENGINE_UNAVAILABLE, "The fonts " + String.join(", ", unembedded)
                    + " are not embedded, and embedding them needs Ghostscript: " + ghostscript.get().problem().get());
        }
        Path rewritten = files.path(REWRITTEN);
        Duration left = task.timeout().minusNanos(System.nanoTime() - started);
        ghostscript.get().rewrite(task.input(), task.options().password(), level, rewritten, left);
        try (PDDocument doc = PdfLoader.open(rewritten, task)) {
            ProducedFile out = write(doc, level, files);
            PdfaValidation.require(out.path(), level);
            return List.of(out);
        }
    }

    private static PdfaLevel level(ConversionTask task) {
        return task.options().string("level").map(name -> PdfaLevel.fromWire(name).orElseThrow(() ->
                new ConversionFailed(ErrorCode.INVALID_OPTION, "level: one of " + String.join(", ", PdfaLevel.NAMES))))
                .orElse(PdfaLevel.DEFAULT);
    }

    /** The document made PDF/A as far as PDFBox can, saved unencrypted as the output. */
    private static ProducedFile write(PDDocument doc, PdfaLevel level, OutputFiles files)
            throws IOException, InterruptedException {
        PdfaCleanup.apply(doc, level);
        PdfaIdentification.write(doc, level);
        doc.getDocument().setVersion(level.pdfVersion());
        doc.setAllSecurityToBeRemoved(true);
        ProducedFile out = files.file(files.name(null, "pdf"), "pdf", doc.getNumberOfPages());
        Cancellation.check();
        // PDF/A-1 is PDF 1.4, which has no object streams
        doc.save(out.path().toFile(), level.isPart1() ? CompressParameters.NO_COMPRESSION
                : CompressParameters.DEFAULT_COMPRESSION);
        return out;
    }
}
