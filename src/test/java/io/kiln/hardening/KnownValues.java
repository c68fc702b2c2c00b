package io.kiln.hardening;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Values that are real in this run — ids of the jobs and files made before fuzzing, the links the
 * server signed for them, a cheap target — so that a valid-shaped request gets past the lookup, and
 * guessed ids can be made from real ones. A parameter or body member finds its value by
 * {@code path#name} (one operation's), else {@code dialect media#name} (a body of that media type in
 * every operation of the dialect), else {@code dialect#name}. An empty value says: leave it out.
 */
final class KnownValues {

    private final Map<String, String> values = new LinkedHashMap<>();

    KnownValues put(String scope, String name, String value) {
        values.put(scope + "#" + name, value);
        return this;
    }

    /** @param media the body's media type, or null for a parameter */
    Optional<String> of(Operation op, String media, String name) {
        return Optional.ofNullable(values.get(op.path() + "#" + name))
                .or(() -> Optional.ofNullable(media == null ? null : values.get(op.dialect() + " " + media + "#" + name)))
                .or(() -> Optional.ofNullable(values.get(op.dialect() + "#" + name)));
    }

    /** Every known value, for a guess that is real but of another kind (a file id sent as a job id). */
    List<String> all() {
        return new ArrayList<>(values.values());
    }
}
