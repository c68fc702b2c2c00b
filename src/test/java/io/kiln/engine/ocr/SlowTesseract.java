package io.kiln.engine.ocr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A stand-in for the tesseract program: a shell script that notes each run's start and end in a log
 * and waits before running the real tesseract, in a child process of its own, so that tests can
 * catch runs in progress and see that a whole process tree is killed.
 */
final class SlowTesseract {

    final Path script;
    final Path log;

    private SlowTesseract(Path script, Path log) {
        this.script = script;
        this.log = log;
    }

    static SlowTesseract in(Path dir, int delaySeconds) throws IOException {
        Path log = dir.resolve("runs.log");
        Path script = dir.resolve("slow-tesseract");
        Files.writeString(script, """
                #!/bin/sh
                case "$1" in --version|--list-langs) exec tesseract "$1";; esac
                echo start >> '%1$s'
                echo "pid $$" >> '%1$s'
                sleep %2$d & echo "pid $!" >> '%1$s'; wait $!
                tesseract "$@" & echo "pid $!" >> '%1$s'; wait $!
                status=$?
                echo end >> '%1$s'
                exit $status
                """.formatted(log, delaySeconds));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Files.createFile(log);
        return new SlowTesseract(script, log);
    }

    TesseractInstallation installation() {
        return TesseractInstallation.probe(script.toString());
    }

    long started() throws IOException {
        return Files.readAllLines(log).stream().filter("start"::equals).count();
    }

    /** The most runs that were under way at one time. */
    int mostAtOnce() throws IOException {
        List<String> events = Files.readAllLines(log);
        int now = 0;
        int most = 0;
        for (String event : events) {
            now += event.equals("start") ? 1 : event.equals("end") ? -1 : 0;
            most = Math.max(most, now);
        }
        return most;
    }

    /**
     * Processes of any run still alive: the script, its sleep or its tesseract. Read from the pids the
     * script noted, because a child whose parent was killed alone is no longer this JVM's descendant.
     */
    List<ProcessHandle> leftOver() throws IOException {
        return Files.readAllLines(log).stream()
                .filter(line -> line.startsWith("pid "))
                .map(line -> ProcessHandle.of(Long.parseLong(line.substring(4).trim())))
                .flatMap(java.util.Optional::stream)
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    long processesNoted() throws IOException {
        return Files.readAllLines(log).stream().filter(line -> line.startsWith("pid ")).count();
    }
}
