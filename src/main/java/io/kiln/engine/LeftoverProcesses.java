package io.kiln.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Engine processes (office, browsers) that an earlier run of Kiln on the same data directory left
 * behind when it died without closing them (kill -9, an OOM kill). They are orphans nobody will use
 * again, each holding hundreds of MB; a pool clears them before starting its own. They are found by
 * their command lines, which name the pool's directory under the data directory.
 */
public final class LeftoverProcesses {

    private LeftoverProcesses() {
    }

    /**
     * Kills every process outside this JVM's own tree whose command line names {@code dir}.
     *
     * @return how many were killed
     */
    public static int kill(Path dir) {
        String marker = dir.toAbsolutePath().normalize().toString();
        ProcessHandle self = ProcessHandle.current();
        List<ProcessHandle> mine = self.descendants().toList();
        List<ProcessHandle> leftovers = ProcessHandle.allProcesses()
                .filter(p -> !p.equals(self) && !mine.contains(p))
                .filter(p -> p.info().commandLine().or(() -> p.info().arguments().map(a -> String.join(" ", a)))
                        .map(c -> c.contains(marker)).orElse(false))
                .toList();
        leftovers.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : leftovers) {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // gone or unkillable: either way nothing more to do here
            }
        }
        return leftovers.size();
    }
}
