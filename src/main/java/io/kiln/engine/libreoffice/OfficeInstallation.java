package io.kiln.engine.libreoffice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where LibreOffice is installed, and whether a directory really holds it. */
final class OfficeInstallation {

    /** Where distributions and the upstream packages put it, most likely first. */
    private static final List<Path> CANDIDATES = List.of(
            Path.of("/usr/lib/libreoffice"),
            Path.of("/usr/lib64/libreoffice"),
            Path.of("/usr/local/lib/libreoffice"),
            Path.of("/opt/libreoffice"),
            Path.of("/usr/local/lib64/libreoffice"),
            Path.of("/Applications/LibreOffice.app/Contents"));

    private OfficeInstallation() {
    }

    /** The first candidate that holds LibreOffice, else the Debian location (reported as missing later). */
    static Path findHome() {
        return CANDIDATES.stream().filter(h -> problem(h).isEmpty()).findFirst().orElse(CANDIDATES.getFirst());
    }

    /** Why {@code home} cannot be used, or empty when it holds an office program. */
    static Optional<String> problem(Path home) {
        Path program = home.resolve("program");
        boolean found = Files.isExecutable(program.resolve("soffice.bin")) || Files.isExecutable(program.resolve("soffice"));
        return found ? Optional.empty()
                : Optional.of("LibreOffice is not installed (no soffice under " + program + ")");
    }
}
