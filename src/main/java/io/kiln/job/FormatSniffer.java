package io.kiln.job;

import java.nio.file.Path;
import java.util.Optional;

/** Tells a file's real format from its content (and name), as a lower-case extension. */
@FunctionalInterface
public interface FormatSniffer {
    Optional<String> detect(Path file, String clientName);
}
