package io.kiln.job;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * New ids for jobs, files and deliveries: UUIDs of version 7 (RFC 9562), whose first 48 bits are
 * the creation time in milliseconds and the other 74 random. Time order matters for the embedded
 * database: an index on random UUIDs takes every insert at a random leaf, so each checkpoint
 * rewrote one leaf per new row and index; ids that grow with time all land in the newest leaf.
 * Still UUIDs for every client and dialect (ConvertAPI accepts any RFC 4122 layout), and as hard
 * to guess as before (74 random bits from a secure source).
 */
public final class OrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OrderedIds() {
    }

    public static String next() {
        return next(System.currentTimeMillis()).toString();
    }

    static UUID next(long epochMillis) {
        long randA = RANDOM.nextLong();
        long randB = RANDOM.nextLong();
        long msb = (epochMillis << 16) | 0x7000L | (randA & 0x0fffL);
        long lsb = (randB & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
