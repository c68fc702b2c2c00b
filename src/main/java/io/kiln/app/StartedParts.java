package io.kiln.app;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a server has started, in order, so that stopping (or a start that fails half-way) stops each
 * part once, the last started first: HTTP before the workers that its requests reach, the database last.
 */
final class StartedParts {

    private static final Logger LOG = LoggerFactory.getLogger(StartedParts.class);

    private final Deque<AutoCloseable> parts = new ArrayDeque<>();

    /** Records {@code part} as started; returns it. */
    synchronized <T extends AutoCloseable> T add(T part) {
        parts.push(part);
        return part;
    }

    /** Stops every part, newest first; a part that fails to stop is logged and the rest still stop. */
    void closeAll() {
        while (true) {
            AutoCloseable part;
            synchronized (this) {
                part = parts.poll();
            }
            if (part == null) {
                return;
            }
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
