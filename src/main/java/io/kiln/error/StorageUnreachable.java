package io.kiln.error;

import java.io.IOException;

/**
 * The file storage (an S3-compatible server) could not be reached, or answered that it cannot serve
 * now (5xx): an outage of a dependency, answered 503 with {@code Retry-After}, and a job that meets
 * it is put back in the queue rather than failed. A store's own errors (a missing object, refused
 * credentials) are not this.
 */
public final class StorageUnreachable extends IOException {

    public StorageUnreachable(String message, Throwable cause) {
        super(message, cause);
    }
}
