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
 */
public record Caller(String tenant, String keyId, OptionalInt concurrentJobs, OptionalLong uploadBytes) {

    public Caller(String tenant, String keyId) {
        this(tenant, keyId, OptionalInt.empty(), OptionalLong.empty());
    }

    /** A caller with no key (keyless, loopback-only servers): nothing is charged. */
    public static Caller of(String tenant) {
        return new Caller(tenant, null);
    }
}
