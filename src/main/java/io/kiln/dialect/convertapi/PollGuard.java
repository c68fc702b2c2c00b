package io.kiln.dialect.convertapi;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One poll at a time per job, as ConvertAPI documents: a second poll while the first is still held
 * is answered 503. In-process: each node of a cluster guards the polls it serves.
 */
final class PollGuard {

    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /** True when the caller may poll {@code jobKey}; it must then {@link #leave} it. */
    boolean enter(String jobKey) {
        return inFlight.add(jobKey);
    }

    void leave(String jobKey) {
        inFlight.remove(jobKey);
    }
}
