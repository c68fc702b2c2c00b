package io.kiln.auth;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a key may use at once, each held across every node of a cluster; empty is no limit.
 *
 * @param requestsPerSecond requests the key may make in one clock second, on all nodes together
 * @param concurrentJobs the key's jobs that may be queued or running at once
 * @param uploadBytes the largest request body the key may send
 */
public record KeyLimits(OptionalInt requestsPerSecond, OptionalInt concurrentJobs, OptionalLong uploadBytes) {

    public static final KeyLimits NONE = new KeyLimits(OptionalInt.empty(), OptionalInt.empty(), OptionalLong.empty());

    public KeyLimits {
        if (requestsPerSecond.orElse(1) < 1 || concurrentJobs.orElse(1) < 1 || uploadBytes.orElse(1) < 1) {
            throw new IllegalArgumentException("a limit must be at least 1 (leave it out for no limit)");
        }
    }

    /** The limits as the CLI prints them: {@code rps=5 jobs=2 upload=1048576}, or {@code none}. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        requestsPerSecond.ifPresent(n -> s.append(" rps=").append(n));
        concurrentJobs.ifPresent(n -> s.append(" jobs=").append(n));
        uploadBytes.ifPresent(n -> s.append(" upload=").append(n));
        return s.isEmpty() ? "none" : s.toString().strip();
    }
}
