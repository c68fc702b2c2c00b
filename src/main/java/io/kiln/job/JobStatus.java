package io.kiln.job;

import java.util.Locale;

/** Where a job is in its life. {@code queued → working → success | failed | aborted}. */
public enum JobStatus {
    QUEUED, WORKING, SUCCESS, FAILED, ABORTED;

    public boolean isTerminal() {
        return this == SUCCESS || this == FAILED || this == ABORTED;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
