package io.kiln.job;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * One warning when a dependency becomes unavailable to a part (the workers, the webhook sender) and
 * one line when it is back, however many threads meet it and however often: an outage of a minute
 * should not fill the log with a stack trace per try.
 */
public final class OutageLog {

    private final Logger log;
    private final String part;
    private final AtomicBoolean down = new AtomicBoolean();

    public OutageLog(Logger log, String part) {
        this.log = log;
        this.part = part;
    }

    public void began(RuntimeException outage) {
        if (down.compareAndSet(false, true)) {
            log.warn("{} paused: {}", part, outage.getMessage());
        }
    }

    public void ended() {
        if (down.compareAndSet(true, false)) {
            log.info("{} resumed", part);
        }
    }
}
