package io.kiln.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 6, bad requests, generated from the API descriptions: every operation of Kiln's own
 * OpenAPI document (read from the running server) and of the three vendor dialects' route tables
 * ({@code src/test/resources/hardening/*-routes.json}, the same form) gets its valid-shaped request
 * and requests with one part made hostile ({@link CaseGenerator}). Every answer must be no 5xx and a
 * 4xx in the dialect's shape ({@link AnswerJudge}); the server must stay healthy and convert after.
 *
 * <p>Generation is a plain seeded generator, not jqwik: jqwik 1.10 carries a clause against use by AI
 * coding agents (which wrote this test) and prints a note saying so into every run, it is built on
 * JUnit Platform 1 (the build is on 6), and its tries are a constant in an annotation where the
 * scenarios take theirs from {@link Scale}. Each case has its own seed ({@link #SEED} and its number),
 * so a failure names the one request to repeat; {@code -Dkiln.fuzz.seed=N} explores other requests.
 */
@Tag("hardening")
class SchemaFuzzTest {

    static final long SEED = Long.getLong("kiln.fuzz.seed", 20_261_207L);
    private static final Path PDF = Corpus.file("pdf/minimal-document.pdf");

    private static TestServer server;
    private static KnownValues known;

    @BeforeAll
    static void start() {
        // the fuzzer asks for unknown ids by the thousand: the limit on that is GuessedIdsTest's to try
        server = TestServer.start("--max-misses", "0");
        known = FuzzFixtures.make(server, PDF);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Native operations from the server's own document, then the vendors' tables; deletions last, so ids live on. */
    private static List<Operation> operations() throws IOException {
        List<Operation> ops = new ArrayList<>(OpenApiOperations.of("native",
                TestServer.JSON.readTree(server.get("/openapi.json").body())));
        for (String[] table : new String[][] {{"ConvertAPI", "convertapi"}, {"PDF.co", "pdfco"}, {"pdfRest", "pdfrest"}}) {
            try (InputStream in = SchemaFuzzTest.class.getResourceAsStream("/hardening/" + table[1] + "-routes.json")) {
                ops.addAll(OpenApiOperations.of(table[0], TestServer.JSON.readTree(in)));
            }
        }
        ops.sort(Comparator.comparing(op -> op.method().equals("DELETE")));
        return ops;
    }

    @Test
    void everyOperationOfEveryDialectAnswersHostileRequestsWith4xxInItsShape() throws IOException {
        int perOperation = Scale.pick(20, 200);
        CaseGenerator generator = new CaseGenerator(known, FuzzFixtures.bytes(PDF), PDF.getFileName().toString());
        FuzzTally tally = new FuzzTally();
        FuzzCase previous = null;
        long started = System.nanoTime();
        int index = 0;
        for (Operation op : operations()) {
            tally.operation(op);
            for (int i = 0; i < perOperation; i++, index++) {
                FuzzCase c = generator.make(op, index, i > 0, new SplittableRandom(SEED * 1_000_003L + index));
                long t0 = System.nanoTime();
                try {
                    tally.answered(c, RawHttp.send(server.base(), c.head(), c.body()), (System.nanoTime() - t0) / 1_000_000);
                } catch (IOException | RuntimeException e) {
                    Unanswered u = unanswered(c, previous);
                    tally.unanswered("no answer (" + e + ") to " + c.shown() + "\n" + u.detail(), u.answeredAgain());
                }
                previous = c;
                if (index % 50 == 49) {
                    assertThat(server.get("/health").statusCode()).as("healthy after case #" + index).isEqualTo(200);
                }
            }
        }
        long fuzzed = (System.nanoTime() - started) / 1_000_000;
        Duration drained = drained();
        JsonNode after = server.convert(Multipart.form().file("file", PDF).field("to", "txt"));
        tally.figures(SEED, fuzzed, drained.toMillis()).report();
        tally.write();
        assertThat(tally.failures).as("answers that were 5xx, out of shape or missing (seed " + SEED + ")").isEmpty();
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
        assertThat(after.path("status").asText()).as("a normal conversion after the run: " + after).isEqualTo("success");
    }

    /** What became of a request that got no answer, sent once more. */
    private record Unanswered(boolean answeredAgain, String detail) {
    }

    /**
     * For a request that got no answer: whether it does when sent again, which request came before it,
     * and where the server's platform threads were (the server runs in this JVM). A request that is
     * answered the second time is counted apart ("Noticed, not yet explained" in docs/reliability.md:
     * about one in 9,000 tries, never twice in a row); one that is not is a failure.
     */
    private static Unanswered unanswered(FuzzCase c, FuzzCase previous) {
        StringBuilder b = new StringBuilder("  the try before: ").append(previous == null ? "none"
                : previous.shown().lines().findFirst().orElse("")).append("\n  the server's threads:\n");
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().startsWith("kiln-http") && stack.length > 0) {
                b.append("    ").append(t.getName()).append(": ");
                for (int i = 0; i < Math.min(stack.length, 12); i++) {
                    b.append(i == 0 ? "" : " < ").append(stack[i]);
                }
                b.append('\n');
            }
        });
        long t0 = System.nanoTime();
        try {
            RawHttp.Answer again = RawHttp.send(server.base(), c.head(), c.body());
            return new Unanswered(true, b.append("  sent again: ").append(again.status()).append(" in ")
                    .append((System.nanoTime() - t0) / 1_000_000).append(" ms").toString());
        } catch (IOException | RuntimeException e) {
            return new Unanswered(false, b.append("  sent again: no answer either (").append(e).append(')').toString());
        }
    }

    /** How long until no job made by the run is queued or working: the run leaves the server idle. */
    private static Duration drained() {
        long t0 = System.nanoTime();
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() ->
                TestServer.json(server.get("/v1/jobs?status=queued&limit=1")).path("jobs").isEmpty()
                        && TestServer.json(server.get("/v1/jobs?status=working&limit=1")).path("jobs").isEmpty());
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
