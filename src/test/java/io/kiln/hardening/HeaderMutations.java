package io.kiln.hardening;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Headers no operation describes but every one must survive: 64 KiB of them, junk credentials in
 * each place a dialect looks for a key, hundreds more, {@code Transfer-Encoding} beside
 * {@code Content-Length}, a {@code Content-Encoding} the body does not have, a second
 * {@code Content-Type}, an odd {@code Accept}.
 */
final class HeaderMutations {

    private HeaderMutations() {
    }

    /** Adds hostile headers to {@code headers} and says which. */
    static String add(List<FuzzCase.Header> headers, RandomGenerator r) {
        switch (r.nextInt(7)) {
            case 0 -> {
                headers.add(new FuzzCase.Header("X-Padding", "x".repeat(64 * 1024)));
                return "64 KiB header";
            }
            case 1 -> {
                String name = HostileValues.pick(r, List.of("Authorization", "X-API-Key", "Api-Key", "x-api-key"));
                headers.add(new FuzzCase.Header(name, HostileValues.pick(r, List.of("Bearer ", "Bearer \u00ff\u00fe",
                        "Basic !!!", "Bearer " + "k".repeat(4_000), "Bearer ' OR '1'='1", "\u0000"))));
                return "junk credentials in " + name;
            }
            case 2 -> {
                for (int i = 0; i < 200; i++) {
                    headers.add(new FuzzCase.Header("X-H" + i, Integer.toString(i)));
                }
                return "200 more";
            }
            case 3 -> {
                headers.add(new FuzzCase.Header("Transfer-Encoding", "chunked"));
                return "chunked and Content-Length";
            }
            case 4 -> {
                headers.add(new FuzzCase.Header("Content-Encoding", "gzip"));
                return "Content-Encoding gzip, body not";
            }
            case 5 -> {
                headers.add(new FuzzCase.Header("Content-Type", "text/plain"));
                return "Content-Type twice";
            }
            default -> {
                headers.add(new FuzzCase.Header("Accept", HostileValues.pick(r, List.of("text/plain", "application/xml",
                        "*/*;q=x", ""))));
                return "odd Accept";
            }
        }
    }
}
