package io.kiln.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of a program an engine uses (tesseract, qpdf) to its end, within a time limit: killed,
 * with anything it started, when the calling thread is interrupted or the time is up, and waited
 * for, so none outlives its task. What it prints goes to a file, so a chatty run never blocks on a
 * full pipe.
 */
public final class ExternalProgram {

    /** How long a killed process may take to be gone. */
    private static final long EXIT_WAIT_SECONDS = 5;
    /** Exit values above this are 128 + the signal that killed the process. */
    public static final int SIGNALLED = 128;

    private ExternalProgram() {
    }

    /**
     * Starts {@code builder} (its output redirected by the caller), closes its input and waits.
     *
     * @return the exit value
     * @throws IOException when it cannot be started
     * @throws TimeoutException when {@code timeoutNanos} passed first (it is killed)
     */
    public static int run(ProcessBuilder builder, long timeoutNanos)
            throws IOException, InterruptedException, TimeoutException {
        Process process = builder.start();
        try {
            process.getOutputStream().close(); // it reads no input
        } catch (IOException ignored) {
            // it has exited already; waitFor and exitValue tell how
        }
        try {
            if (!process.waitFor(timeoutNanos, TimeUnit.NANOSECONDS)) {
                kill(process);
                throw new TimeoutException(builder.command().getFirst() + " did not finish in time");
            }
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
        return process.exitValue();
    }

    /** Kills the process and its children and waits for them, keeping a pending interrupt. */
    public static void kill(Process process) {
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

    /** The last {@code chars} of what a run printed, to explain its failure. */
    public static String tail(Path log, int chars) {
        try {
            String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).strip();
            return text.length() <= chars ? text : text.substring(text.length() - chars);
        } catch (IOException e) {
            return "(no output)";
        }
    }
}
