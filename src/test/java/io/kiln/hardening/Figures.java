package io.kiln.hardening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One scenario's figures: what it tried and what held or was lost, printed as it ends and appended
 * to {@code target/hardening/figures.md} (a table row per scenario, the source of {@code docs/reliability.md}).
 */
final class Figures {

    static final Path FILE = Path.of("target", "hardening", "figures.md");

    private final String scenario;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Figures(String scenario) {
        this.scenario = scenario;
    }

    static Figures of(String scenario) {
        return new Figures(scenario);
    }

    Figures put(String name, Object value) {
        values.put(name, value);
        return this;
    }

    /** Prints the row and appends it to the figures file. */
    void report() {
        String figures = values.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining("; "));
        String row = "| " + scenario + " | " + Scale.name() + " | " + figures + " |";
        System.out.println("[hardening] " + row);
        try {
            Files.createDirectories(FILE.getParent());
            if (!Files.exists(FILE)) {
                Files.writeString(FILE, "| scenario | scale | figures |\n| --- | --- | --- |\n", StandardCharsets.UTF_8);
            }
            Files.writeString(FILE, row + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
