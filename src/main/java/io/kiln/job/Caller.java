package io.kiln.job;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Who submits a job: the tenant that will own it, the API key whose credits pay for it, and what
 * that key may use at once.
 *
 * @param keyId the key's id, or null when the server runs without keys
 * @param concurrentJobs how many of the key's jobs may be queued or running at once; empty is no limit
 * @param uploadBytes the largest request body the key may send; empty is the server's own limit only
 * @param requestId the id of the request submitting (its {@code X-Request-Id}), or null outside a request
 */
public record Caller(String tenant, String keyId, OptionalInt concurrentJobs, OptionalLong uploadBytes,
                     String requestId) {

    public Caller(String tenant, String keyId, OptionalInt concurrentJobs, OptionalLong uploadBytes) {
        this(tenant, keyId, concurrentJobs, uploadBytes, null);
    }

    public Caller(String tenant, String keyId) {
        this(tenant, keyId, OptionalInt.empty(), OptionalLong.empty());
    }

    /** The same caller, submitting within the request {@code id}. */
    public Caller withRequestId(String id) {
        return new Caller(tenant, keyId, concurrentJobs, uploadBytes, id);
    }

    /** A caller with no key (keyless, loopback-only servers): nothing is charged. */
    public static Caller of(String tenant) {
        return new Caller(tenant, null);
    }
}
