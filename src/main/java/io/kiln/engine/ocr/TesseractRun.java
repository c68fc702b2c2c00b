package io.kiln.engine.ocr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One tesseract process reading one page image. It is killed, with anything it started, when the
 * calling thread is interrupted or the deadline passes, and waited for, so none outlives the task.
 */
final class TesseractRun {

    /** How long a killed process may take to be gone. */
    private static final long EXIT_WAIT_SECONDS = 5;
    /** Enough of what tesseract printed to explain a failure in the log. */
    private static final int LOG_TAIL_CHARS = 2000;
    /** Exit values above this are 128 + the signal that killed the process. */
    private static final int SIGNALLED = 128;

    private final String program;
    private final RecognitionOptions recognition;
    private final Deadline deadline;

    TesseractRun(String program, RecognitionOptions recognition, Deadline deadline) {
        this.program = program;
        this.recognition = recognition;
        this.deadline = deadline;
    }

    /**
     * Reads {@code image} and writes {@code <outBase>.<pdf|txt>}.
     *
     * @param frame the 0-based page of a multi-page TIFF, or null for the only (or first) one
     * @param dpi the image's resolution when the file does not say it, or null
     * @return the file written
     */
    Path run(Path image, Path outBase, Integer frame, Integer dpi, TesseractOutput output)
            throws TesseractFailed, InterruptedException {
        List<String> command = new ArrayList<>(List.of(program,
                // absolute: a relative name starting with '-' would read as an option
                image.toAbsolutePath().toString(), outBase.toAbsolutePath().toString()));
        command.addAll(recognition.arguments());
        if (dpi != null) {
            command.addAll(List.of("--dpi", dpi.toString()));
        }
        if (frame != null) {
            command.addAll(List.of("-c", "tessedit_page_number=" + frame));
        }
        command.addAll(output.variables);
        command.add(output.config);
        Path log = outBase.resolveSibling(outBase.getFileName() + ".log");
        Path written = outBase.resolveSibling(outBase.getFileName() + "." + output.config);
        if (execute(command, log) > SIGNALLED) {
            // killed by a signal (the OOM killer, an operator): the machine's trouble, not the page's,
            // so once more within the same deadline; a second death is the job's failure
            int exit = execute(command, log);
            if (exit != 0) {
                throw new TesseractFailed("tesseract was killed twice (exit " + exit + "): " + tail(log));
            }
        }
        if (!Files.isRegularFile(written)) {
            throw new TesseractFailed("tesseract wrote no " + output.config + " file: " + tail(log));
        }
        return written;
    }

    /** @return 0, or an exit above {@link #SIGNALLED} (killed by a signal); any other exit is a failure */
    private int execute(List<String> command, Path log) throws TesseractFailed, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile()); // a file, so a chatty run never blocks on a full pipe
        // pages already run in parallel, one per core; tesseract's own OpenMP threads would oversubscribe
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new TesseractFailed("tesseract could not be started: " + e.getMessage());
        }
        closeInput(process);
        try {
            if (!process.waitFor(deadline.remainingNanos(), TimeUnit.NANOSECONDS)) {
                kill(process);
                throw deadline.exceeded();
            }
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
        int exit = process.exitValue();
        if (exit != 0 && exit <= SIGNALLED) {
            throw new TesseractFailed("tesseract exited with " + exit + ": " + tail(log));
        }
        return exit;
    }

    private static void closeInput(Process process) {
        try {
            process.getOutputStream().close(); // it reads no input
        } catch (IOException ignored) {
            // it has exited already; waitFor and exitValue tell how
        }
    }

    /** Kills the process and its children and waits for them, keeping a pending interrupt. */
    static void kill(Process process) {
        // children listed before the parent dies (then they are no longer its descendants) and killed
        // after it, so it cannot start another in between
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        boolean interrupted = Thread.interrupted();
        try {
            process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String tail(Path log) {
        try {
            String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).strip();
            return text.length() <= LOG_TAIL_CHARS ? text : text.substring(text.length() - LOG_TAIL_CHARS);
        } catch (IOException e) {
            return "(no output)";
        }
    }
}
