package io.kiln.engine;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A pool's restarts by reason as metrics name them (the reason lower-case); pools count every reason from 0. */
public final class RestartCounts {

    private RestartCounts() {
    }

    public static <R extends Enum<R>> Map<String, Long> byName(Map<R, Long> counted) {
        Map<String, Long> out = new LinkedHashMap<>();
        counted.forEach((r, n) -> out.put(r.name().toLowerCase(Locale.ROOT), n));
        return out;
    }
}
