package io.kiln.engine.ocr;

import io.kiln.engine.ExternalProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * One tesseract process reading one page image. It is killed, with anything it started, when the
 * calling thread is interrupted or the deadline passes, and waited for, so none outlives the task.
 */
final class TesseractRun {

    /** Enough of what tesseract printed to explain a failure in the log. */
    private static final int LOG_TAIL_CHARS = 2000;

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
        if (execute(command, log) > ExternalProgram.SIGNALLED) {
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

    /** @return 0, or an exit above {@link ExternalProgram#SIGNALLED} (killed by a signal); any other exit is a failure */
    private int execute(List<String> command, Path log) throws TesseractFailed, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // pages already run in parallel, one per core; tesseract's own OpenMP threads would oversubscribe
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        int exit;
        try {
            exit = ExternalProgram.run(builder, deadline.remainingNanos());
        } catch (IOException e) {
            throw new TesseractFailed("tesseract could not be started: " + e.getMessage());
        } catch (TimeoutException e) {
            throw deadline.exceeded();
        }
        if (exit != 0 && exit <= ExternalProgram.SIGNALLED) {
            throw new TesseractFailed("tesseract exited with " + exit + ": " + tail(log));
        }
        return exit;
    }

    private static String tail(Path log) {
        return ExternalProgram.tail(log, LOG_TAIL_CHARS);
    }
}
