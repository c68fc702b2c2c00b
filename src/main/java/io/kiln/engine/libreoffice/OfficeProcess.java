package io.kiln.engine.libreoffice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jodconverter.core.office.OfficeException;
import org.jodconverter.core.task.OfficeTask;
import org.jodconverter.local.office.ExistingProcessAction;
import org.jodconverter.local.office.LocalOfficeManager;

/**
 * One running LibreOffice process: its own JODConverter manager with a single port, its own working
 * directory and therefore its own profile directory. A restart never reuses an instance: the pool
 * stops this one and starts a new {@code OfficeProcess} (on a new port) for the same slot.
 */
final class OfficeProcess {

    /** How long LibreOffice may take to start and accept a connection. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** JODConverter's own task limit: far above any Kiln limit, because Kiln enforces its own. */
    static final Duration JOD_TASK_TIMEOUT = Duration.ofHours(6);
    /** How often a bounded process's peak memory is read: it grows by at most ~0.2 GiB a second. */
    private static final Duration MEMORY_SAMPLE = Duration.ofMillis(100);

    private final int slot;
    private final int port;
    private final Path workingDir;
    private final long memoryLimitBytes;
    private final LocalOfficeManager manager;
    private volatile Path profileDir;
    private volatile ProcessHandle soffice;
    /** Whether its address-space limit is set (prlimit worked). */
    private volatile boolean bounded;
    private volatile boolean reachedMemoryLimit;
    private int tasks;

    /** @param memoryLimitBytes the address space the process may use once started (0: unbounded) */
    OfficeProcess(int slot, int port, Path officeHome, Path templateProfile, Path workingDir, long memoryLimitBytes)
            throws IOException {
        Files.createDirectories(workingDir);
        this.memoryLimitBytes = memoryLimitBytes;
        this.slot = slot;
        this.port = port;
        this.workingDir = workingDir;
        this.manager = LocalOfficeManager.builder()
                .officeHome(officeHome.toFile())
                .portNumbers(port)
                .workingDir(workingDir.toFile())
                .templateProfileDir(templateProfile.toFile())
                .startFailFast(true)
                .existingProcessAction(ExistingProcessAction.FAIL)
                .processTimeout(START_TIMEOUT.toMillis())
                .maxTasksPerProcess(Integer.MAX_VALUE)
                .taskExecutionTimeout(JOD_TASK_TIMEOUT.toMillis())
                .taskQueueTimeout(JOD_TASK_TIMEOUT.toMillis())
                .build();
    }

    /** Starts LibreOffice and waits until it accepts connections. */
    void start() throws OfficeException, IOException {
        manager.start();
        profileDir = findProfileDir().orElse(null);
        soffice = profileDir == null ? null : processesOf(profileDir).findFirst().orElse(null);
        ProcessHandle started = soffice;
        bounded = started != null && memoryLimitBytes > 0 && AddressSpaceLimit.apply(started.pid(), memoryLimitBytes);
        if (bounded) {
            Thread.ofVirtual().name("kiln-office-memory-" + slot).start(() -> watchMemory(started));
        }
    }

    /** Notes when the process comes near its limit while it lives: once it has died of it, {@code /proc} cannot tell. */
    private void watchMemory(ProcessHandle p) {
        try {
            while (p.isAlive() && !reachedMemoryLimit) {
                if (AddressSpaceLimit.reached(p.pid(), memoryLimitBytes)) {
                    reachedMemoryLimit = true;
                }
                Thread.sleep(MEMORY_SAMPLE);
            }
        } catch (InterruptedException e) {
            // the JVM is stopping
        }
    }

    /** Runs {@code task} on this process; blocks until it ends. */
    void execute(OfficeTask task) throws OfficeException {
        manager.execute(task);
    }

    /**
     * Whether the process came up to its address-space limit (so that allocations were refused, or
     * nearly), also after it died of it. False for a process the limit was not set on.
     */
    boolean reachedMemoryLimit() {
        ProcessHandle p = soffice;
        if (bounded && !reachedMemoryLimit && p != null && AddressSpaceLimit.reached(p.pid(), memoryLimitBytes)) {
            reachedMemoryLimit = true; // only ever set: the watcher may be between samples
        }
        return reachedMemoryLimit;
    }

    /** Counts a finished conversion and says whether the process has run its allowance. */
    boolean countTask(int maxTasks) {
        return ++tasks >= maxTasks;
    }

    /** Whether the office process is still running (false once it died or was killed). */
    boolean isAlive() {
        ProcessHandle p = soffice;
        return p != null && p.isAlive() && manager.isRunning();
    }

    /** Waits (at most {@code limit}) until a {@link #stop()} under way no longer expects the process to live. */
    void awaitStopping(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (manager.isRunning() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(20); // the manager marks the disconnection as expected just after it leaves "running"
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the office process at once (it may be hung: no polite request is made). */
    void kill() {
        Path dir = profileDir;
        if (soffice != null) {
            soffice.destroyForcibly();
        }
        if (dir != null) {
            processesOf(dir).forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** Stops the manager: asks LibreOffice to quit (killing it if it will not) and removes its profile. */
    void stop() {
        try {
            manager.stop();
        } catch (OfficeException | RuntimeException e) {
            kill();
        }
    }

    int slot() {
        return slot;
    }

    int port() {
        return port;
    }

    Optional<Path> profileDir() {
        return Optional.ofNullable(profileDir);
    }

    Optional<Long> pid() {
        return Optional.ofNullable(soffice).map(ProcessHandle::pid);
    }

    /** Every process of this JVM's descendants whose command line names {@code profileDir}. */
    static Stream<ProcessHandle> processesOf(Path profileDir) {
        String marker = profileDir.getFileName().toString();
        String parent = profileDir.getParent().toString();
        return ProcessHandle.current().descendants().filter(p -> p.info().commandLine()
                .or(() -> p.info().arguments().map(a -> String.join(" ", a)))
                .map(c -> c.contains(marker) && c.contains(parent)).orElse(false));
    }

    /** JODConverter names the profile after the connection: {@code .jodconverter_socket_host-…_port-N_…}. */
    private Optional<Path> findProfileDir() throws IOException {
        try (Stream<Path> entries = Files.list(workingDir)) {
            List<Path> dirs = entries.filter(p -> p.getFileName().toString().startsWith(".jodconverter_")
                    && p.getFileName().toString().contains("port-" + port + "_")).toList();
            return dirs.stream().findFirst();
        }
    }

    @Override
    public String toString() {
        return "office process " + slot + " (port " + port + pid().map(p -> ", pid " + p).orElse("") + ")";
    }
}
