package io.kiln.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Dockerfile read as the builder reads it: continuation lines joined, comments dropped, stages by FROM. */
record Dockerfile(List<Stage> stages) {

    record Instruction(String keyword, String arguments) {}

    record Stage(String base, String name, List<Instruction> instructions) {

        List<String> arguments(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
        }

        /** Words of every {@code apt-get install} in this stage's RUN lines, options left out. */
        List<String> aptPackages() {
            List<String> packages = new ArrayList<>();
            for (String run : arguments("RUN")) {
                for (String command : run.split("&&|;")) {
                    List<String> words = List.of(command.trim().split("\\s+"));
                    int install = words.indexOf("install");
                    if (install > 0 && words.get(install - 1).equals("apt-get")) {
                        words.subList(install + 1, words.size()).stream().filter(w -> !w.startsWith("-"))
                                .forEach(packages::add);
                    }
                }
            }
            return packages;
        }
    }

    static Dockerfile read(Path file) throws IOException {
        List<String> logical = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            logical.add(current.append(trimmed).toString().strip());
            current.setLength(0);
        }
        List<Stage> stages = new ArrayList<>();
        List<Instruction> preamble = new ArrayList<>();
        for (String line : logical) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            var instruction = new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
            if (instruction.keyword().equals("FROM")) {
                String[] from = instruction.arguments().split("\\s+");
                String name = from.length >= 3 && from[1].equalsIgnoreCase("AS") ? from[2] : "";
                stages.add(new Stage(resolve(from[0], preamble), name, new ArrayList<>()));
            } else if (stages.isEmpty()) {
                preamble.add(instruction);
            } else {
                stages.getLast().instructions().add(instruction);
            }
        }
        return new Dockerfile(stages);
    }

    Stage last() {
        return stages.getLast();
    }

    /** {@code ${NAME}} in a FROM, by the default its ARG before the first FROM gives. */
    private static String resolve(String image, List<Instruction> preamble) {
        for (Instruction arg : preamble) {
            String[] kv = arg.arguments().split("=", 2);
            if (arg.keyword().equals("ARG") && kv.length == 2) {
                image = image.replace("${" + kv[0] + "}", kv[1]);
            }
        }
        return image;
    }
}
