package io.kiln.storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The digest every store records of what it keeps. */
final class Sha256 {

    private Sha256() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
