package io.kiln.hardening;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a fuzzing run saw: answers by status, what was wrong with them, and the figures it reports. */
final class FuzzTally {

    final List<String> failures = new ArrayList<>();
    /** Tries that got no answer but did when sent again (see {@link SchemaFuzzTest}). */
    final List<String> dropped = new ArrayList<>();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final Map<String, Integer> operations = new LinkedHashMap<>();
    private final List<String> validRefused = new ArrayList<>();
    private int tries;
    private int cut;
    private int disabledEngine;
    private long slowestMillis;

    void operation(Operation op) {
        operations.merge(op.dialect(), 1, Integer::sum);
    }

    void answered(FuzzCase c, RawHttp.Answer a, long millis) {
        tries++;
        slowestMillis = Math.max(slowestMillis, millis);
        statuses.merge(a.status(), 1, Integer::sum);
        cut += AnswerJudge.isCut(a) ? 1 : 0;
        disabledEngine += AnswerJudge.isDisabledEngine(a) ? 1 : 0;
        if (c.mutation().equals("valid") && a.status() / 100 != 2) {
            validRefused.add(c.op().method() + " " + c.op().path() + " " + a.status());
        }
        AnswerJudge.fault(c, a).ifPresent(why -> failures.add(why + "\n  to " + c.shown()));
    }

    void unanswered(String report, boolean answeredAgain) {
        tries++;
        (answeredAgain ? dropped : failures).add(report);
    }

    Figures figures(long seed, long fuzzedMillis, long drainedMillis) {
        int ops = operations.values().stream().mapToInt(Integer::intValue).sum();
        return Figures.of("6. schema-driven fuzzing, every route").put("seed", seed)
                .put("operations", ops + " " + operations).put("tries", tries)
                .put("valid-shaped answered 2xx", (ops - validRefused.size()) + " of " + ops
                        + (validRefused.isEmpty() ? "" : " (not " + String.join(", ", validRefused) + ")"))
                .put("answers by status", statuses).put("cut short by a reset", cut)
                .put("unanswered once, answered when sent again", dropped.size())
                .put("501 for the office engine this server runs without", disabledEngine)
                .put("failures", failures.size()).put("slowest answer", slowestMillis + " ms")
                .put("fuzzing took", fuzzedMillis / 1000 + " s").put("queue drained", drainedMillis + " ms after");
    }

    /** Prints the first failures and every dropped try; writes them all beside the figures. */
    void write() throws IOException {
        failures.stream().limit(30).forEach(f -> System.out.println("[fuzz] " + f));
        dropped.forEach(d -> System.out.println("[fuzz] unanswered once: " + d));
        Files.writeString(Figures.FILE.resolveSibling("schema-fuzz-failures.txt"), String.join("\n\n", failures)
                + (dropped.isEmpty() ? "" : "\n\nunanswered once:\n\n" + String.join("\n\n", dropped)));
    }
}
