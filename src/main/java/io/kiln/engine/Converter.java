package io.kiln.engine;

import io.kiln.error.ConversionFailed;
import java.time.Duration;
import java.util.List;

/**
 * One conversion engine. Implementations are thread-safe; {@link #convert} blocks the calling
 * thread and should give up promptly when that thread is interrupted (a cancelled or timed-out job).
 */
public interface Converter {

    /** Short engine name, e.g. {@code pdf}, {@code image}, {@code libreoffice}. */
    String engine();

    /** Every (from, to) pair this engine converts, with the options each accepts. */
    List<Capability> capabilities();

    /** Whether the engine can take work now (an external program may be missing or warming). */
    default Availability availability() {
        return Availability.ready();
    }

    /**
     * Facts a client may want about the engine as configured, shown by {@code GET /v1/formats}: the
     * active renderer, installed OCR languages, a version. Empty by default.
     */
    default java.util.Map<String, String> about() {
        return java.util.Map.of();
    }

    /**
     * Whether the conversion runs inside the server's own process (PDFBox, ImageIO, the pure-Java
     * HTML renderer), where a document could take the server down with it; an engine whose work runs
     * in processes of its own (LibreOffice, Chromium) cannot, and the server's crashes are never held
     * against its jobs.
     */
    default boolean runsInServerProcess() {
        return true;
    }

    /**
     * How long a task may wait for one of the engine's resources (an office process, a browser)
     * before its own time limit starts. The job layer's deadline is the task's timeout plus this;
     * an engine that queues enforces the task's timeout itself from the moment it starts work, so a
     * job is never killed for having waited.
     */
    default Duration queueAllowance() {
        return Duration.ZERO;
    }

    /**
     * Converts {@code task.inputs()} into files written under {@code task.workDir()}.
     *
     * @throws ConversionFailed when the document cannot be converted (corrupt, encrypted, ...)
     */
    List<ProducedFile> convert(ConversionTask task) throws ConversionFailed, InterruptedException;
}
