package io.kiln.engine.libreoffice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

/**
 * The input as LibreOffice should see it: under a name ending in its detected format, since
 * LibreOffice tells plain text, CSV and RTF apart by extension. When the stored input has another
 * name, a symbolic link with the right one is made (and removed on close).
 */
final class SourceFile implements AutoCloseable {

    private final Path path;
    private final Path linkDir;

    private SourceFile(Path path, Path linkDir) {
        this.path = path;
        this.linkDir = linkDir;
    }

    static SourceFile of(Path input, String format, Path scratch) {
        Path absolute = input.toAbsolutePath();
        if (absolute.getFileName().toString().toLowerCase(Locale.ROOT).endsWith("." + format)) {
            return new SourceFile(absolute, null);
        }
        try {
            Path dir = Files.createDirectories(scratch.resolve(UUID.randomUUID().toString()));
            return new SourceFile(Files.createSymbolicLink(dir.resolve("source." + format), absolute), dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot name the input for LibreOffice under " + scratch, e);
        }
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        if (linkDir != null) {
            try {
                Files.deleteIfExists(path);
                Files.deleteIfExists(linkDir);
            } catch (IOException e) {
                // a leftover link in the scratch directory is harmless
            }
        }
    }
}
