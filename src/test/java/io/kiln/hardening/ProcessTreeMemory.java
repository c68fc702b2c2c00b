package io.kiln.hardening;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The peak resident memory of this process and all its descendants (the in-process server and its
 * engine processes), sampled every 50 ms from {@code /proc} while a scenario runs. Linux only; 0
 * elsewhere.
 */
final class ProcessTreeMemory {

    private final AtomicLong peakKib = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread sampler;

    private ProcessTreeMemory() {
        sampler = Thread.ofVirtual().name("rss-sampler").start(() -> {
            while (running.get()) {
                peakKib.accumulateAndGet(treeKib(), Math::max);
                Workload.pauseQuietly(50);
            }
        });
    }

    static ProcessTreeMemory watch() {
        return new ProcessTreeMemory();
    }

    /** Stops sampling; the peak seen, in MiB. */
    long stop() {
        running.set(false);
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        peakKib.accumulateAndGet(treeKib(), Math::max);
        return peakKib.get() / 1024;
    }

    private static long treeKib() {
        ProcessHandle self = ProcessHandle.current();
        return Stream.concat(Stream.of(self), self.descendants()).mapToLong(p -> rssKib(p.pid())).sum();
    }

    private static long rssKib(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
        } catch (IOException | RuntimeException gone) {
            return 0; // the process ended between listing and reading
        }
    }
}
