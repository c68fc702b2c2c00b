package io.kiln.engine.libreoffice;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds a running office process's address space (RLIMIT_AS) with util-linux's {@code prlimit}: the
 * JDK has no setrlimit, and JODConverter starts soffice itself, so the limit is set on the process
 * once it runs. An allocation past it fails inside LibreOffice, which then dies and is replaced by
 * the pool: one document fails, the machine keeps its memory.
 */
final class AddressSpaceLimit {

    private static final Logger LOG = LoggerFactory.getLogger(AddressSpaceLimit.class);
    private static volatile boolean warned;

    private AddressSpaceLimit() {
    }

    static void apply(long pid, long bytes) {
        try {
            Process p = new ProcessBuilder("prlimit", "--pid", Long.toString(pid), "--as=" + bytes + ":" + bytes)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                warnOnce("prlimit could not bound LibreOffice (pid " + pid + "): " + out);
            }
        } catch (IOException e) {
            warnOnce("prlimit is not available (" + e.getMessage() + "): LibreOffice's memory is not bounded");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void warnOnce(String message) {
        if (!warned) {
            warned = true;
            LOG.warn(message);
        }
    }
}
