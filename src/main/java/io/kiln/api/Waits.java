package io.kiln.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Waits for a job on the request's own virtual thread, rather than handing Javalin a future: under
 * load, a future completing while Javalin set up its asynchronous response now and then left the
 * response unwritten (seen as a long-poll answered by nobody until the async timeout). A parked
 * virtual thread costs a few hundred bytes, which is what DESIGN §2 allows a waiter.
 */
public final class Waits {

    private Waits() {
    }

    /** Blocks until {@code answering} (which writes the response) is done; rethrows what it threw. */
    public static void join(CompletableFuture<?> answering) {
        try {
            answering.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
