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
 * @param inputNames each input's name as the client gave it (stored files may sit under other names),
 *     by which a document finds its {@link Capability.Inputs#ASSETS assets}
 * @param owner whose job this is (the tenant): an engine that keeps state from one task to the next
 *     (a browser's cookies and cache) keeps it only between tasks of one owner; empty shares with none
 */
public record ConversionTask(String from, String to, List<Path> inputs, Options options, Path workDir,
                             String baseName, Duration timeout, int maxPages, List<String> inputNames,
                             String owner) {

    /** The source format of a job whose input is a web page: the engine gets a {@value} file holding the URL. */
    public static final String URL = "url";

    public ConversionTask {
        owner = owner == null ? "" : owner;
        inputs = List.copyOf(inputs);
        inputNames = List.copyOf(inputNames);
        if (inputNames.size() != inputs.size()) {
            throw new IllegalArgumentException("one name per input");
        }
    }

    /** A task of no owner. */
    public ConversionTask(String from, String to, List<Path> inputs, Options options, Path workDir,
                          String baseName, Duration timeout, int maxPages, List<String> inputNames) {
        this(from, to, inputs, options, workDir, baseName, timeout, maxPages, inputNames, "");
    }

    /** A task of no owner whose inputs are named as their files are. */
    public ConversionTask(String from, String to, List<Path> inputs, Options options, Path workDir,
                          String baseName, Duration timeout, int maxPages) {
        this(from, to, inputs, options, workDir, baseName, timeout, maxPages,
                inputs.stream().map(p -> p.getFileName().toString()).toList());
    }

    public Path input() {
        return inputs.getFirst();
    }
}
