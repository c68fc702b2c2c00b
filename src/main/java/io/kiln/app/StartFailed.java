package io.kiln.app;

/** A start that cannot complete (the port is taken, the database is unreachable); the message is one line. */
public final class StartFailed extends RuntimeException {
    public StartFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
