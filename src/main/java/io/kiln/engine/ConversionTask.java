package io.kiln.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One conversion to run: the inputs as local files (in order), their detected format, the target,
 * validated options, a private working directory for outputs, and limits.
 *
 * @param baseName name to give outputs, without extension (from the first input or the {@code name} option)
 * @param maxPages the most pages a source may have; more fails with {@code too_many_pages}
 */
public record ConversionTask(String from, String to, List<Path> inputs, Options options, Path workDir,
                             String baseName, Duration timeout, int maxPages) {

    public ConversionTask {
        inputs = List.copyOf(inputs);
    }

    public Path input() {
        return inputs.getFirst();
    }
}
