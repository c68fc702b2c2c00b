package io.kiln.job;

/**
 * Who submits a job: the tenant that will own it, and the API key whose credits pay for it.
 *
 * @param keyId the key's id, or null when the server runs without keys
 */
public record Caller(String tenant, String keyId) {

    /** A caller with no key (keyless, loopback-only servers): nothing is charged. */
    public static Caller of(String tenant) {
        return new Caller(tenant, null);
    }
}
