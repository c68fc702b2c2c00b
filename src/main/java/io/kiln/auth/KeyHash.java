package io.kiln.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * SHA-256 of a key, in lower-case hex: what the keys file stores. A plain hash, not a slow
 * password hash, is enough because keys are 256 random bits, not something a person chose.
 */
public final class KeyHash {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private KeyHash() {}

    public static String of(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }

    static boolean isHash(String text) {
        return HEX.matcher(text).matches();
    }

    /** Compares two hashes in time independent of where they differ. */
    static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
