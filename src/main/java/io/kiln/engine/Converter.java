package io.kiln.engine;

import io.kiln.error.ConversionFailed;
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
     * Converts {@code task.inputs()} into files written under {@code task.workDir()}.
     *
     * @throws ConversionFailed when the document cannot be converted (corrupt, encrypted, ...)
     */
    List<ProducedFile> convert(ConversionTask task) throws ConversionFailed, InterruptedException;
}
