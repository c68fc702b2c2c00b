package io.kiln.engine.ocr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code tesseract} program as found at start: its version and the languages it can recognise,
 * or why it cannot be used. Probed once; installing a language needs a restart to be seen.
 *
 * @param program the command that runs it (a name looked up on the PATH, or a path)
 * @param problem why it cannot be used, or null when it can
 */
public record TesseractInstallation(String program, String version, List<String> languages, String problem) {

    /** The program's name on the PATH. */
    public static final String DEFAULT_PROGRAM = "tesseract";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(15);
    /** Orientation and script detection data: installed beside the languages, but recognises no text. */
    private static final String ORIENTATION_DATA = "osd";

    public TesseractInstallation {
        languages = List.copyOf(languages);
    }

    /** Runs {@code program --version} and {@code --list-langs}; never throws. */
    public static TesseractInstallation probe(String program) {
        try {
            String version = firstLine(run(program, "--version")).replaceFirst("(?i)^tesseract\\s*", "").trim();
            List<String> languages = Arrays.stream(run(program, "--list-langs").split("\\R"))
                    .skip(1) // "List of available languages in ..."
                    .map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.equals(ORIENTATION_DATA))
                    .sorted()
                    .toList();
            String problem = languages.isEmpty()
                    ? "Tesseract has no language data installed (for English: apt install tesseract-ocr-eng)"
                    : null;
            return new TesseractInstallation(program, version, languages, problem);
        } catch (IOException e) {
            return missing(program, "Tesseract is not installed (no " + program + " program found: "
                    + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return missing(program, "Tesseract was not probed: interrupted");
        }
    }

    private static TesseractInstallation missing(String program, String problem) {
        return new TesseractInstallation(program, "", List.of(), problem);
    }

    /** The language used when a task names none: English when installed. */
    public String defaultLanguage() {
        return languages.contains("eng") || languages.isEmpty() ? "eng" : languages.getFirst();
    }

    /** Stdout and stderr of a short probe run (old versions print the version to stderr). */
    private static String run(String program, String argument) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(program, argument).redirectErrorStream(true).start();
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes(); // small: a version or a list of languages
            if (!p.waitFor(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(program + " " + argument + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IOException(program + " " + argument + " exited with " + p.exitValue());
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("");
    }
}
