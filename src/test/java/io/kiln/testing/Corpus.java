package io.kiln.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test documents from {@code ../shared/corpus}, read in place. */
public final class Corpus {

    private static final Path ROOT = Path.of(System.getProperty("kiln.corpus", "../shared/corpus"))
            .toAbsolutePath().normalize();

    private Corpus() {
    }

    public static Path root() {
        return ROOT;
    }

    /** A corpus file by its path relative to the corpus root, e.g. {@code pdf/cweb.pdf}. */
    public static Path file(String relative) {
        Path p = ROOT.resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("corpus file missing: " + p);
        }
        return p;
    }
}
