package io.kiln.engine.pdf;

/** The point between pages where a cancelled or timed-out job gives up. */
final class Cancellation {

    private Cancellation() {
    }

    /** Throws (clearing the flag, as {@link InterruptedException} implies) when the thread was interrupted. */
    static void check() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("conversion cancelled");
        }
    }
}
