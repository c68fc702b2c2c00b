package io.kiln.hardening;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;

/** Waiting for a condition whose failure a scenario reports in its figures rather than throws at once. */
final class Awaited {

    private Awaited() {
    }

    /** Waits up to {@code atMost} for {@code condition}; false if it never held. */
    static boolean quietly(Duration atMost, Callable<Boolean> condition) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(condition);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }
}
