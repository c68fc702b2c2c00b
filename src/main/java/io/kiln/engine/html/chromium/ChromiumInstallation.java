package io.kiln.engine.html.chromium;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where Chromium is installed: the first of the usual program names on {@code PATH}, best first.
 * Debian's {@code chromium-headless-shell} (the "old" headless mode, built from the same sources as
 * {@code chromium}) comes first: it is Chromium's page engine and printing without the desktop
 * browser around it, and printed the corpus about 30 % faster than {@code chromium --headless=new}
 * (bench/README). The full browser serves when only it is installed.
 */
public final class ChromiumInstallation {

    private static final List<String> NAMES = List.of("chromium-headless-shell", "chrome-headless-shell",
            "chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome");
    /**
     * Debian's {@code /usr/bin/chromium} and {@code /usr/bin/chromium-headless-shell} are shell scripts
     * that run the program of the same name here (the first adds desktop flags from
     * {@code /etc/chromium.d}); the program is used instead.
     */
    private static final Path DEBIAN_PROGRAMS = Path.of("/usr/lib/chromium");

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

    /** Whether {@code executable} is a headless shell, which is headless by itself and takes no {@code --headless=new}. */
    static boolean isHeadlessShell(Path executable) {
        String name = String.valueOf(executable.getFileName());
        return name.contains("headless-shell") || name.contains("headless_shell");
    }

    /** Why {@code executable} cannot be used, or empty when it looks runnable. */
    static Optional<String> problem(Path executable) {
        return Files.isRegularFile(executable) && Files.isExecutable(executable) ? Optional.empty()
                : Optional.of("Chromium is not installed (" + executable + " is not an executable file)");
    }

    private static Path unwrap(Path found) {
        Path program = DEBIAN_PROGRAMS.resolve(found.getFileName());
        return isScript(found) && Files.isExecutable(program) ? program : found;
    }

    private static boolean isScript(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(2), new byte[] {'#', '!'});
        } catch (IOException e) {
            return false;
        }
    }
}
