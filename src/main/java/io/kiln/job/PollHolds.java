package io.kiln.job;

import java.time.Duration;

/**
 * At most one held poll per job (ConvertAPI answers a second, concurrent poll 503). One node keeps its
 * holds in memory ({@link #inProcess()}); nodes sharing a database keep them in it
 * ({@link JdbcPollHolds}), so a second poll on another node is refused too.
 */
public interface PollHolds {

    /**
     * Takes the hold on {@code jobKey} for at most {@code max} (a holder that died lets go then).
     *
     * @return false when another poll holds it
     */
    boolean take(String jobKey, Duration max);

    void release(String jobKey);

    /** Holds in this process's memory, for a single node. */
    static PollHolds inProcess() {
        java.util.Set<String> held = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return new PollHolds() {
            @Override
            public boolean take(String jobKey, Duration max) {
                return held.add(jobKey);
            }

            @Override
            public void release(String jobKey) {
                held.remove(jobKey);
            }
        };
    }
}
