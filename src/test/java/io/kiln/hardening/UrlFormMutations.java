package io.kiln.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Hostile {@code application/x-www-form-urlencoded} bodies (and query strings) made from valid
 * {@code name=value} pairs, in place: a value made hostile, escapes that decode to nothing or to bytes
 * that are not UTF-8, a required pair missing, unknown, repeated and bare names, thousands of pairs.
 */
final class UrlFormMutations {

    private final HostileValues hostile;

    UrlFormMutations(HostileValues hostile) {
        this.hostile = hostile;
    }

    /** @param pairs encoded {@code name=value} (or bare {@code name}) pairs, mutated in place */
    String apply(List<String> pairs, JsonNode schema, RandomGenerator r) {
        List<String> names = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        String name = names.isEmpty() ? "zzz" : HostileValues.pick(r, names);
        switch (r.nextInt(7)) {
            case 0, 1 -> {
                HostileValues.Hostile h = hostile.against(schema.path("properties").path(name), r);
                set(pairs, name, encode(name) + "=" + (h.verbatim() ? h.text() : encode(h.text())));
                return "'" + name + "': " + h.kind();
            }
            case 2 -> {
                String raw = HostileValues.pick(r, List.of("%zz", "%", "%FF%FE", "%C0%AE", "%00", "%E2%82"));
                set(pairs, name, encode(name) + "=" + raw);
                return "'" + name + "' escaped '" + raw + "'";
            }
            case 3 -> {
                pairs.removeIf(p -> p.startsWith(encode(name) + "=") || p.equals(encode(name)));
                return "'" + name + "' missing";
            }
            case 4 -> {
                String value = pairs.stream().filter(p -> p.startsWith(encode(name) + "=")).findFirst().orElse(encode(name) + "=1");
                pairs.add(value);
                pairs.add(encode(name) + "=" + encode(hostile.any(r).text()));
                return "'" + name + "' repeated";
            }
            case 5 -> {
                pairs.add(HostileValues.pick(r, List.of(encode(name), "", "=", "==", "&", "zzz-unknown=1", "a[]=1", "a[b][c]=1",
                        encode("Files[99999999999]") + "=x", encode("Files[-1]") + "=x")));
                return "odd pair '" + pairs.getLast() + "'";
            }
            default -> {
                for (int i = 0; i < 2_000; i++) {
                    pairs.add("p" + i + "=" + i);
                }
                return "2,000 more pairs";
            }
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void set(List<String> pairs, String name, String pair) {
        for (int i = 0; i < pairs.size(); i++) {
            if (pairs.get(i).startsWith(encode(name) + "=") || pairs.get(i).equals(encode(name))) {
                pairs.set(i, pair);
                return;
            }
        }
        pairs.add(pair);
    }
}
