package io.kiln.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Signals to processes and process groups, and who is in a group, as the tests' fault injection needs them. */
public final class ProcessSignals {

    private ProcessSignals() {
    }

    /** {@code kill -SIGNAL -- target}: a pid, or {@code -pgid} for a whole group; quiet if nothing is there. */
    public static void send(String signal, String target) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, "--", target).redirectErrorStream(true).start();
            kill.getInputStream().readAllBytes();
            kill.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void send(String signal, long pid) {
        send(signal, Long.toString(pid));
    }

    /** Pids of the live (not zombie) processes whose process group is {@code pgid}. */
    public static List<Long> groupMembers(long pgid) {
        List<Long> members = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> stat(p.pid()).ifPresent(fields -> {
            if (!fields[0].equals("Z") && Long.parseLong(fields[2]) == pgid) {
                members.add(p.pid());
            }
        }));
        return members;
    }

    /** The live descendants of {@code pid} whose command line contains {@code name} (e.g. {@code soffice.bin}). */
    public static List<Long> descendantsNamed(long pid, String name) {
        return ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .filter(p -> p.info().commandLine().orElse("").contains(name)
                        || p.info().command().orElse("").contains(name))
                .filter(p -> stat(p.pid()).map(f -> !f[0].equals("Z")).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    /** Resident memory of {@code pid} and all its descendants, in bytes (from /proc). */
    public static long treeRss(long pid) {
        long total = rss(pid);
        for (ProcessHandle d : ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants).toList()) {
            total += rss(d.pid());
        }
        return total;
    }

    private static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // exited meanwhile
        }
        return 0;
    }

    /** State, parent pid and process group of {@code pid} (fields 3 to 5 of /proc/pid/stat), if it lives. */
    private static Optional<String[]> stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command (field 2) is in parentheses and may hold spaces: read after its closing one
            String[] rest = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new String[] {rest[0], rest[1], rest[2]});
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }
}
