package io.kiln.engine.libreoffice;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the {@code libreoffice} engine runs its office processes. Built once by the configuration and
 * validated here: a bad value fails with a one-line reason.
 *
 * @param officeHome LibreOffice's installation directory (the one holding {@code program/soffice})
 * @param processes how many office processes to keep warm
 * @param maxTasksPerProcess conversions a process runs before it is replaced by a fresh one
 * @param taskTimeout time limit of a conversion whose task names none
 * @param queueTimeout how long a conversion waits for a free process before {@code queue_full}
 * @param workDir where process working directories and profiles live (e.g. {@code <data>/office})
 * @param firstPort the lowest port tried for an office process; busy ports are skipped
 * @param memoryLimitBytes the address space each office process may use: a document that needs more
 *     makes its process fail (and be replaced) instead of exhausting the machine
 */
public record LibreOfficeSettings(Path officeHome, int processes, int maxTasksPerProcess, Duration taskTimeout,
                                  Duration queueTimeout, Path workDir, int firstPort, long memoryLimitBytes) {

    public static final int DEFAULT_MAX_TASKS_PER_PROCESS = 200;
    public static final Duration DEFAULT_TASK_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_QUEUE_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_FIRST_PORT = 2002;
    /** A warm process maps about 0.5 GiB; the heaviest corpus documents stay well under this. */
    public static final long DEFAULT_MEMORY_LIMIT = 4L << 30;
    /** The sub-directory of Kiln's data directory that {@link #defaults} uses. */
    public static final String DEFAULT_WORK_DIR_NAME = "office";

    public LibreOfficeSettings {
        Objects.requireNonNull(officeHome, "officeHome");
        Objects.requireNonNull(workDir, "workDir");
        require(processes >= 1, "LibreOffice processes must be at least 1, not " + processes);
        require(maxTasksPerProcess >= 1, "LibreOffice max tasks per process must be at least 1, not "
                + maxTasksPerProcess);
        require(taskTimeout != null && taskTimeout.isPositive(), "LibreOffice task timeout must be positive");
        require(queueTimeout != null && !queueTimeout.isNegative(), "LibreOffice queue timeout must not be negative");
        require(firstPort >= 1024 && firstPort <= 65_000, "LibreOffice first port must be between 1024 and 65000, not "
                + firstPort);
        require(memoryLimitBytes >= 256L << 20, "LibreOffice memory limit must be at least 256 MiB, not "
                + memoryLimitBytes + " bytes");
    }

    /** The defaults, with processes living under {@code dataDir/office}. */
    public static LibreOfficeSettings defaults(Path dataDir) {
        return new LibreOfficeSettings(OfficeInstallation.findHome(), defaultProcesses(), DEFAULT_MAX_TASKS_PER_PROCESS,
                DEFAULT_TASK_TIMEOUT, DEFAULT_QUEUE_TIMEOUT, dataDir.resolve(DEFAULT_WORK_DIR_NAME), DEFAULT_FIRST_PORT,
                DEFAULT_MEMORY_LIMIT);
    }

    /** One process per core. */
    public static int defaultProcesses() {
        return Runtime.getRuntime().availableProcessors();
    }

    public LibreOfficeSettings withOfficeHome(Path home) {
        return new LibreOfficeSettings(home, processes, maxTasksPerProcess, taskTimeout, queueTimeout, workDir, firstPort,
                memoryLimitBytes);
    }

    public LibreOfficeSettings withProcesses(int n) {
        return new LibreOfficeSettings(officeHome, n, maxTasksPerProcess, taskTimeout, queueTimeout, workDir, firstPort,
                memoryLimitBytes);
    }

    public LibreOfficeSettings withMaxTasksPerProcess(int n) {
        return new LibreOfficeSettings(officeHome, processes, n, taskTimeout, queueTimeout, workDir, firstPort,
                memoryLimitBytes);
    }

    public LibreOfficeSettings withQueueTimeout(Duration d) {
        return new LibreOfficeSettings(officeHome, processes, maxTasksPerProcess, taskTimeout, d, workDir, firstPort, memoryLimitBytes);
    }

    public LibreOfficeSettings withMemoryLimit(long bytes) {
        return new LibreOfficeSettings(officeHome, processes, maxTasksPerProcess, taskTimeout, queueTimeout, workDir,
                firstPort, bytes);
    }

    private static void require(boolean ok, String reason) {
        if (!ok) {
            throw new IllegalArgumentException(reason);
        }
    }
}
