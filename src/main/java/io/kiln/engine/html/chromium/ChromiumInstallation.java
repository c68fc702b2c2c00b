package io.kiln.engine.html.chromium;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Where Chromium is installed: the first of the usual program names on {@code PATH}. */
public final class ChromiumInstallation {

    private static final List<String> NAMES = List.of(
            "chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome");
    /**
     * Debian's {@code /usr/bin/chromium} is a shell script that adds desktop flags (remote extensions,
     * GPU rasterization) from {@code /etc/chromium.d}; the program it runs is used instead.
     */
    private static final Path DEBIAN_PROGRAM = Path.of("/usr/lib/chromium/chromium");

    private ChromiumInstallation() {
    }

    /** The Chromium program, or empty when none is installed (the composition root then uses the Java renderer). */
    public static Optional<Path> find() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        for (String name : NAMES) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(unwrap(candidate));
                }
            }
        }
        return Optional.empty();
    }

    /** Why {@code executable} cannot be used, or empty when it looks runnable. */
    static Optional<String> problem(Path executable) {
        return Files.isRegularFile(executable) && Files.isExecutable(executable) ? Optional.empty()
                : Optional.of("Chromium is not installed (" + executable + " is not an executable file)");
    }

    private static Path unwrap(Path found) {
        return isScript(found) && Files.isExecutable(DEBIAN_PROGRAM) ? DEBIAN_PROGRAM : found;
    }

    private static boolean isScript(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(2), new byte[] {'#', '!'});
        } catch (IOException e) {
            return false;
        }
    }
}
