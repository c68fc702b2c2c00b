package io.kiln.engine.qpdf;

import io.kiln.engine.Availability;
import io.kiln.engine.Capability;
import io.kiln.engine.ConversionTask;
import io.kiln.engine.Converter;
import io.kiln.engine.ExternalProgram;
import io.kiln.engine.OptionSpec;
import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.error.TimeLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code pdf → linearize} ("fast web view": the first page can show before the rest has arrived) by
 * the qpdf program, which writes linearized files that {@code qpdf --check} and viewers accept;
 * PDFBox cannot write them. At most one run per core at once; a run waits for its turn up to
 * {@link #queueAllowance()} and is then {@code queue_full}; each is killed at the task's time limit.
 * Without qpdf the engine says so in {@code /ready} and its conversions are {@code engine_unavailable}.
 */
public final class QpdfConverter implements Converter {

    /** The program's name on the PATH. */
    public static final String DEFAULT_PROGRAM = "qpdf";
    private static final Duration QUEUE_ALLOWANCE = Duration.ofSeconds(30);
    private static final int LOG_TAIL_CHARS = 2000;
    /** qpdf's exit when it wrote the file but warned (a damaged input it repaired). */
    private static final int WARNINGS = 3;

    private final String program;
    private final String version;
    private final String problem;
    private final Semaphore runs;

    private QpdfConverter(String program, String version, String problem, int parallel) {
        this.program = program;
        this.version = version;
        this.problem = problem;
        this.runs = new Semaphore(Math.max(1, parallel), true);
    }

    /** Probes {@code program --version} once; never throws. */
    public static QpdfConverter probe(String program, int parallel) {
        try {
            Path log = Files.createTempFile("kiln-qpdf-version", ".log");
            try {
                int exit = ExternalProgram.run(new ProcessBuilder(program, "--version").redirectErrorStream(true)
                        .redirectOutput(log.toFile()), TimeUnit.SECONDS.toNanos(15));
                String out = ExternalProgram.tail(log, 200).lines().findFirst().orElse("");
                return exit == 0 ? new QpdfConverter(program, out.replaceFirst("(?i)^qpdf version\\s*", ""), null, parallel)
                        : missing(program, program + " --version exited with " + exit, parallel);
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException | TimeoutException e) {
            return missing(program, "qpdf is not installed (no " + program + " program found: " + e.getMessage()
                    + "); apt install qpdf", parallel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return missing(program, "qpdf was not probed: interrupted", parallel);
        }
    }

    private static QpdfConverter missing(String program, String problem, int parallel) {
        return new QpdfConverter(program, "", problem, parallel);
    }

    @Override
    public String engine() {
        return "qpdf";
    }

    @Override
    public List<Capability> capabilities() {
        return List.of(new Capability(Set.of("pdf"), "linearize", "pdf",
                List.of(OptionSpec.string("password", "password that opens an encrypted source")), Capability.Inputs.ONE));
    }

    @Override
    public Availability availability() {
        return problem == null ? Availability.ready() : Availability.unavailable(problem);
    }

    @Override
    public Map<String, String> about() {
        return problem == null ? Map.of("version", version) : Map.of();
    }

    @Override
    public boolean runsInServerProcess() {
        return false;
    }

    @Override
    public Duration queueAllowance() {
        return QUEUE_ALLOWANCE;
    }

    @Override
    public List<ProducedFile> convert(ConversionTask task) throws InterruptedException {
        if (problem != null) {
            throw new ConversionFailed(ErrorCode.ENGINE_UNAVAILABLE, problem);
        }
        if (!runs.tryAcquire(QUEUE_ALLOWANCE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new ConversionFailed(ErrorCode.QUEUE_FULL, "every qpdf run is busy; try again shortly");
        }
        try {
            return linearize(task);
        } finally {
            runs.release();
        }
    }

    private List<ProducedFile> linearize(ConversionTask task) throws InterruptedException {
        String name = task.baseName() + ".pdf";
        Path out = task.workDir().resolve("linearized.pdf");
        Path log = task.workDir().resolve("qpdf.log");
        List<String> command = new ArrayList<>(List.of(program, "--linearize", "--decrypt"));
        task.options().password().filter(p -> !p.isEmpty()).ifPresent(p -> command.add("--password=" + p));
        // absolute: a relative name starting with '-' would read as an option
        command.addAll(List.of(task.input().toAbsolutePath().toString(), out.toAbsolutePath().toString()));
        int exit;
        try {
            exit = ExternalProgram.run(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()),
                    task.timeout().toNanos());
        } catch (IOException e) {
            throw new ConversionFailed(ErrorCode.ENGINE_UNAVAILABLE, "qpdf could not be started: " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new ConversionFailed(ErrorCode.TIMEOUT, "linearizing took longer than its limit of "
                    + TimeLimits.said(task.timeout()) + ".");
        }
        String said = ExternalProgram.tail(log, LOG_TAIL_CHARS);
        if ((exit != 0 && exit != WARNINGS) || !Files.isRegularFile(out)) {
            throw failure(said, exit);
        }
        return List.of(new ProducedFile(out, name, "pdf", null));
    }

    /** qpdf's own words, as the code a client acts on: a password, or a file that is not a PDF. */
    private static ConversionFailed failure(String said, int exit) {
        if (said.contains("invalid password")) {
            return new ConversionFailed(said.isBlank() ? ErrorCode.PASSWORD_REQUIRED : ErrorCode.PASSWORD_INCORRECT,
                    "The password given does not open this PDF (or none was given).");
        }
        if (exit > ExternalProgram.SIGNALLED) {
            return new ConversionFailed(ErrorCode.ENGINE_FAILED, "qpdf was killed (exit " + exit + ")");
        }
        return new ConversionFailed(ErrorCode.CORRUPT_DOCUMENT, "The PDF is damaged or is not a PDF: "
                + said.lines().findFirst().orElse("qpdf exited with " + exit));
    }
}
