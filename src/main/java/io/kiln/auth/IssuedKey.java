package io.kiln.auth;

/**
 * A key just created: the only moment its clear text exists. Printed once for the operator, never
 * stored; {@link #toString()} leaves it out so it cannot leak into a log by accident.
 */
public record IssuedKey(String key, Principal principal) {
    @Override
    public String toString() {
        return "IssuedKey[tenant=" + principal.tenant() + ", keyId=" + principal.keyId() + "]";
    }
}
