package io.kiln.hardening;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.net.http.HttpResponse;
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
 * asked for concurrently on every route of every dialect that takes an id. Each answer must be
 * exactly the answer for an id that does not exist (status and body, ids masked: the dialect's own
 * 404 shape, or PDF.co's documented {@code working}), none a 5xx, and the server healthy after.
 * No rate limit applies yet: per-key limits are issue 16's; the figures show what guessing costs.
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
            String convertApiFile = json(server.postMultipart("/upload", Multipart.form().file("file", Corpus.file(pdf))))
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
                        if (!(r.statusCode() + " " + IdRoutes.masked(r.body())).equals(unknown.get(route))) {
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
            Figures.of("6. guessed ids, every id route of every dialect").put("guesses", guesses)
                    .put("routes", probes.size()).put("answers by status", byStatus).put("found something", found.get())
                    .put("answers unlike an unknown id's", differing.size())
                    .put("guesses per second", guesses * 1_000_000_000L / elapsed)
                    .put("median / p99 ms", sorted[guesses / 2] / 1_000_000 + " / " + sorted[guesses * 99 / 100] / 1_000_000)
                    .report();

            assertThat(found.get()).as("guesses that found something").isZero();
            assertThat(differing).as("answers that differ from an unknown id's").isEmpty();
            assertThat(byStatus.keySet()).as("statuses").allMatch(s -> s < 500);
            assertThat(server.get("/health").statusCode()).isEqualTo(200);
            assertThat(server.get("/v1/jobs/" + jobId).statusCode()).as("the real job, to its owner").isEqualTo(200);
        }
    }
}
