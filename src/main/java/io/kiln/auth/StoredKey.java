package io.kiln.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** A key as {@code kiln keys list} shows it: everything but the secret, which is never kept. */
public record StoredKey(String id, String tenant, Instant created, Optional<Instant> revoked,
                        OptionalLong credits, KeyLimits limits) {
}
