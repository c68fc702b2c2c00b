package io.kiln.auth;

import java.security.SecureRandom;
import java.util.Base64;

/** Makes new API keys: {@code kiln_} and 32 random bytes, base64url without padding (48 characters). */
final class KeyGenerator {

    static final String PREFIX = "kiln_";
    private static final int RANDOM_BYTES = 32;

    private final SecureRandom random;

    KeyGenerator(SecureRandom random) {
        this.random = random;
    }

    KeyGenerator() {
        this(new SecureRandom());
    }

    String newKey() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
