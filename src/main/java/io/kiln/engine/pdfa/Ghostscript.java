package io.kiln.engine.pdfa;

import io.kiln.engine.ExternalProgram;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.error.TimeLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The Ghostscript pass of a PDF/A conversion: it rewrites a document with every font embedded
 * (substitutes of the same metrics for the standard fonts a file only names) and device colours
 * made RGB, which PDFBox cannot do reliably. The same discipline as every external program: at most
 * one run per core at once, a run waits for its turn up to {@link #QUEUE_ALLOWANCE} and is then
 * {@code queue_full}, each is killed at its time limit, and without the program the pass is a clear
 * {@code engine_unavailable} (and {@link #problem()} says why, for {@code /ready}).
 */
public final class Ghostscript {

    /** The program's name on the PATH. */
    public static final String DEFAULT_PROGRAM = "gs";
    public static final Duration QUEUE_ALLOWANCE = Duration.ofSeconds(30);
    private static final int LOG_TAIL_CHARS = 600;

    private final String program;
    private final String version;
    private final String problem;
    private final Semaphore runs;

    private Ghostscript(String program, String version, String problem, int parallel) {
        this.program = program;
        this.version = version;
        this.problem = problem;
        this.runs = new Semaphore(Math.max(1, parallel), true);
    }

    /** Probes {@code program --version} once; never throws. */
    public static Ghostscript probe(String program, int parallel) {
        try {
            Path log = Files.createTempFile("kiln-gs-version", ".log");
            try {
                int exit = ExternalProgram.run(new ProcessBuilder(program, "--version").redirectErrorStream(true)
                        .redirectOutput(log.toFile()), TimeUnit.SECONDS.toNanos(15));
                String out = ExternalProgram.tail(log, 100).lines().findFirst().orElse("");
                return exit == 0 ? new Ghostscript(program, out, null, parallel)
                        : new Ghostscript(program, "", program + " --version exited with " + exit, parallel);
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException | TimeoutException e) {
            return new Ghostscript(program, "", "Ghostscript is not installed (no " + program + " program found: "
                    + e.getMessage() + "); apt install ghostscript", parallel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Ghostscript(program, "", "Ghostscript was not probed: interrupted", parallel);
        }
    }

    /**
     * The probe's result, made on first use: most servers never convert to PDF/A, and the pdf engine
     * is built in tests by the hundred.
     */
    public static Supplier<Ghostscript> probedOnFirstUse(String program, int parallel) {
        return new Supplier<>() {
            private volatile Ghostscript probed;

            @Override
            public Ghostscript get() {
                Ghostscript found = probed;
                if (found == null) {
                    synchronized (this) {
                        found = probed;
                        if (found == null) {
                            found = probe(program, parallel);
                            probed = found;
                        }
                    }
                }
                return found;
            }
        };
    }

    /** Why the pass cannot run, or empty when it can. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** The version found, or empty. */
    public String version() {
        return version;
    }

    /**
     * Rewrites {@code input} (opened with {@code password}) as {@code output} for {@code level}'s part.
     *
     * @param timeLimit what is left of the task's time limit
     */
    public void rewrite(Path input, Optional<String> password, PdfaLevel level, Path output, Duration timeLimit)
            throws InterruptedException {
        if (problem != null) {
            throw new ConversionFailed(ErrorCode.ENGINE_UNAVAILABLE, "The document's fonts need Ghostscript to be embedded: "
                    + problem);
        }
        if (!runs.tryAcquire(QUEUE_ALLOWANCE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new ConversionFailed(ErrorCode.QUEUE_FULL, "every Ghostscript run is busy; try again shortly");
        }
        Path log = output.resolveSibling(output.getFileName() + ".log");
        try {
            run(input, password, level, output, log, timeLimit);
        } finally {
            runs.release();
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // the work directory goes with the job
            }
        }
    }

    private void run(Path input, Optional<String> password, PdfaLevel level, Path output, Path log, Duration timeLimit)
            throws InterruptedException {
        List<String> command = new ArrayList<>(List.of(program, "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER",
                "-dPDFA=" + level.part(), "-dPDFACompatibilityPolicy=1", "-sColorConversionStrategy=RGB",
                "-dEmbedAllFonts=true", "-sDEVICE=pdfwrite"));
        password.filter(p -> !p.isEmpty()).ifPresent(p -> command.add("-sPDFPassword=" + p));
        // absolute: a relative name starting with '-' would read as an option
        command.addAll(List.of("-o", output.toAbsolutePath().toString(), input.toAbsolutePath().toString()));
        int exit;
        try {
            exit = ExternalProgram.run(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()),
                    Math.max(1, timeLimit.toNanos()));
        } catch (IOException e) {
            throw new ConversionFailed(ErrorCode.ENGINE_UNAVAILABLE, "Ghostscript could not be started: " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new ConversionFailed(ErrorCode.TIMEOUT, "the PDF/A conversion took longer than its limit of "
                    + TimeLimits.said(timeLimit) + ".");
        }
        if (exit != 0 || !Files.isRegularFile(output)) {
            String said = ExternalProgram.tail(log, LOG_TAIL_CHARS);
            throw new ConversionFailed(exit > ExternalProgram.SIGNALLED ? ErrorCode.ENGINE_FAILED : ErrorCode.CORRUPT_DOCUMENT,
                    "Ghostscript could not rewrite the PDF (exit " + exit + "): "
                            + said.lines().filter(l -> !l.isBlank()).findFirst().orElse("no message"));
        }
    }
}
