package io.kiln.hardening;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 6, guessed ids: 10,000 ids (2,000 in the quick run) guessed next to real ones (the same
 * time prefix, other random digits: Kiln's ids are ordered, {@code job/OrderedIds}) and at random,
 * asked for concurrently on every route of every dialect that takes an id, under the default limit
 * on misses ({@code api/GuessLimit}, 600 a minute a client). Each answer must be exactly the answer
 * for an id that does not exist (status and body, ids masked: the dialect's own 404 shape, or PDF.co's
 * documented {@code working}) or, once the client's misses are spent, a 429 {@code rate_limited} in
 * the dialect's shape with {@code Retry-After}; none a 5xx; no more answered than the limit allows;
 * the server healthy after and the client served again soon after it stops.
 */
@Tag("hardening")
class GuessedIdsTest {

    @Test
    void guessedIdsFindNothingAndAreAnsweredInShape() throws Exception {
        String pdf = "pdf/minimal-document.pdf";
        try (TestServer server = TestServer.start()) {
            JsonNode job = server.convert(Multipart.form().file("file", Corpus.file(pdf)).field("to", "txt"));
            String jobId = job.path("id").asText();
            String fileId = job.path("outputs").get(0).path("fileId").asText();
            String convertApiFile = json(server.send(Multipart.form().file("file", Corpus.file(pdf))
                    .into(server.request("/upload").header("Accept", "application/json")).build()))
                    .path("FileId").asText();
            List<IdRoutes.Probe> probes = IdRoutes.all(server.base());
            // which real id each route's guesses lie next to (see IdRoutes for the order)
            List<String> near = new ArrayList<>();
            for (int i = 0; i < probes.size(); i++) {
                near.add(i >= 6 && i < 8 ? fileId : i >= 11 && i < 15 ? convertApiFile : jobId);
            }
            List<String> unknown = new ArrayList<>();
            for (int i = 0; i < probes.size(); i++) {
                HttpResponse<String> r = server.send(probes.get(i).request().apply(IdRoutes.sibling(near.get(i))).build());
                assertThat(r.statusCode()).as(probes.get(i).what() + ": " + r.body()).isLessThan(500);
                unknown.add(r.statusCode() + " " + IdRoutes.masked(r.body()));
            }

            int guesses = Scale.pick(2_000, 10_000);
            AtomicInteger found = new AtomicInteger();
            AtomicInteger counted = new AtomicInteger(); // answered as unknown on a route whose misses count
            List<String> differing = new CopyOnWriteArrayList<>();
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            long[] nanos = new long[guesses];
            long start = System.nanoTime();
            try (var pool = Executors.newFixedThreadPool(16, Thread.ofVirtual().factory())) {
                List<Future<?>> all = new ArrayList<>();
                for (int g = 0; g < guesses; g++) {
                    int n = g;
                    all.add(pool.submit(() -> {
                        int route = n % probes.size();
                        String id = n % 2 == 0 ? IdRoutes.sibling(near.get(route)) : UUID.randomUUID().toString();
                        long t = System.nanoTime();
                        HttpResponse<String> r = server.send(probes.get(route).request().apply(id).build());
                        nanos[n] = System.nanoTime() - t;
                        statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (r.statusCode() / 100 == 2 && !probes.get(route).what().startsWith("PDF.co")) {
                            found.incrementAndGet();
                        }
                        boolean asUnknown = (r.statusCode() + " " + IdRoutes.masked(r.body())).equals(unknown.get(route));
                        if (asUnknown && !probes.get(route).what().contains("File=")) {
                            counted.incrementAndGet();
                        }
                        if (!asUnknown && !isLimited(probes.get(route).what(), r)) {
                            differing.add(probes.get(route).what() + " " + id + ": " + r.statusCode() + " " + r.body());
                        }
                    }));
                }
                for (Future<?> f : all) {
                    f.get();
                }
            }
            long elapsed = System.nanoTime() - start;
            long[] sorted = nanos.clone();
            java.util.Arrays.sort(sorted);
            Map<Integer, Integer> byStatus = new TreeMap<>();
            statuses.forEach((s, c) -> byStatus.put(s, c.get()));
            // the bucket: 600, refilled at 10 a second; 16 guesses in flight may each pass the check before any is counted
            long allowed = 600 + elapsed / 100_000_000L + 16;
            Figures.of("6. guessed ids, every id route of every dialect").put("guesses", guesses)
                    .put("routes", probes.size()).put("answers by status", byStatus).put("found something", found.get())
                    .put("answers unlike an unknown id's or a limit's", differing.size())
                    .put("misses answered (allowed)", counted.get() + " (" + allowed + ")")
                    .put("guesses per second", guesses * 1_000_000_000L / elapsed)
                    .put("median / p99 ms", sorted[guesses / 2] / 1_000_000 + " / " + sorted[guesses * 99 / 100] / 1_000_000)
                    .report();

            assertThat(found.get()).as("guesses that found something").isZero();
            assertThat(differing).as("answers that differ from an unknown id's, or from a limit's in the dialect's shape").isEmpty();
            assertThat(byStatus.keySet()).as("statuses").allMatch(s -> s < 500);
            assertThat(counted.get()).as("misses answered before the limit").isLessThanOrEqualTo((int) allowed);
            assertThat(byStatus.getOrDefault(429, 0)).as("guesses refused by the limit").isPositive();
            assertThat(server.get("/health").statusCode()).isEqualTo(200);
            // the guesser is the owner here (one address, no keys): once it stops, it is served again within a few tokens' time
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(server.get("/v1/jobs/" + jobId).statusCode())
                    .as("the real job, to its owner").isEqualTo(200));
        }
    }

    /** A 429 {@code rate_limited} with {@code Retry-After}, in the shape of the probe's dialect. */
    private static boolean isLimited(String what, HttpResponse<String> r) {
        if (r.statusCode() != 429 || r.headers().firstValue("Retry-After").isEmpty()) {
            return false;
        }
        String body = r.body();
        if (what.startsWith("native")) {
            return body.contains("\"code\":\"rate_limited\"");
        } else if (what.startsWith("ConvertAPI")) {
            return body.contains("\"Code\":4290");
        } else if (what.startsWith("PDF.co")) {
            return body.contains("\"error\":true") && body.contains("\"status\":429");
        }
        return body.startsWith("{\"error\":\"") && body.contains("do not exist");
    }
}
