package io.kiln.auth;

import java.util.OptionalLong;

/**
 * Who is calling: the tenant that owns every job and file it makes, and which key it used.
 *
 * @param tenant the owner of jobs and files; tenants never see each other's
 * @param keyId the first 8 hex characters of the key's hash: enough to tell keys apart in logs,
 *     useless for guessing the key
 * @param credits the balance the key's grant sets, if it sets one
 * @param limits the key's rate, job and upload limits (keys in the keys file have none)
 */
public record Principal(String tenant, String keyId, OptionalLong credits, KeyLimits limits) {

    /** The tenant every request belongs to when no key is configured (loopback-only servers). */
    public static final String ANONYMOUS_TENANT = "public";

    public Principal(String tenant, String keyId, OptionalLong credits) {
        this(tenant, keyId, credits, KeyLimits.NONE);
    }

    public Principal(String tenant, String keyId) {
        this(tenant, keyId, OptionalLong.empty());
    }

    public static Principal anonymous() {
        return new Principal(ANONYMOUS_TENANT, "none");
    }
}
