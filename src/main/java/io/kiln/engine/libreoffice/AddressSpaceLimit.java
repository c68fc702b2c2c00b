package io.kiln.engine.libreoffice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds a running office process's address space (RLIMIT_AS) with util-linux's {@code prlimit}: the
 * JDK has no setrlimit, and JODConverter starts soffice itself, so the limit is set on the process
 * once it runs. An allocation past it fails inside LibreOffice, which then dies, or lives on and says
 * only that the document could not be loaded; either way the pool replaces it: one document fails,
 * the machine keeps its memory. {@link #reached} tells from the process's peak address space that
 * memory, not damage, was the cause.
 */
final class AddressSpaceLimit {

    private static final Logger LOG = LoggerFactory.getLogger(AddressSpaceLimit.class);
    private static volatile boolean warned;

    private AddressSpaceLimit() {
    }

    /** Sets the limit; whether it was set. */
    static boolean apply(long pid, long bytes) {
        try {
            Process p = new ProcessBuilder("prlimit", "--pid", Long.toString(pid), "--as=" + bytes + ":" + bytes)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                warnOnce("prlimit could not bound LibreOffice (pid " + pid + "): " + out);
                return false;
            }
            return true;
        } catch (IOException e) {
            warnOnce("prlimit is not available (" + e.getMessage() + "): LibreOffice's memory is not bounded");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /**
     * Whether the process's peak address space ({@code VmPeak}) came within a sixteenth of {@code bytes}:
     * an allocation larger than what was left fails before the peak reaches the limit itself. False
     * when it cannot be read (no {@code /proc}, the process gone).
     */
    static boolean reached(long pid, long bytes) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            long peakKib = lines.filter(l -> l.startsWith("VmPeak:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
            return peakKib * 1024 >= bytes - bytes / 16;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void warnOnce(String message) {
        if (!warned) {
            warned = true;
            LOG.warn(message);
        }
    }
}
