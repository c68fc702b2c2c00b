package io.kiln.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Ghostscript run by hand, as the yardstick of {@code compress}: {@code -dPDFSETTINGS=/ebook} is what
 * people reach for to shrink a PDF. Not part of Kiln; {@code ./kiln test} installs it for the tests.
 */
public final class Ghostscript {

    private Ghostscript() {
    }

    /**
     * {@code in} rewritten by Ghostscript at {@code /ebook}, or empty when Ghostscript reported an
     * error: it then still exits 0 and writes a file, without the pages it could not read.
     */
    public static Optional<Path> ebook(Path in, Path out) {
        try {
            Process p = new ProcessBuilder("gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pdfwrite",
                    "-dPDFSETTINGS=/ebook", "-sOutputFile=" + out, in.toString()).redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0 || said.contains("Error")) {
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (IOException e) {
            throw new AssertionError("Ghostscript is needed (./kiln test installs it): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
