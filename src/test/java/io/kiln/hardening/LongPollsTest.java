package io.kiln.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.ServerProcess;
import io.kiln.testing.TestServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 3, load shapes: thousands of clients long-polling at once (1,000 quick, 10,000 full) on
 * a job whose input URL answers only when the test lets it. While they wait the server answers
 * {@code /health} promptly; when the input arrives and the job ends, every long-poll answers
 * {@code success} — none early, none dropped.
 */
@Tag("hardening")
class LongPollsTest {

    @Test
    void thousandsOfConcurrentLongPollsAllAnswerWhenTheJobEnds(@TempDir Path dir) throws Exception {
        int polls = Scale.pick(1_000, 10_000);
        CountDownLatch release = new CountDownLatch(1);
        byte[] pdf = Files.readAllBytes(Corpus.file("pdf/minimal-document.pdf"));
        HttpServer origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        origin.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        origin.createContext("/held.pdf", exchange -> {
            try {
                release.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/pdf");
            exchange.sendResponseHeaders(200, pdf.length);
            exchange.getResponseBody().write(pdf);
            exchange.close();
        });
        origin.start();
        try (ServerProcess server = ServerProcess.start(dir.resolve("data"), "--allow-hosts", "127.0.0.1",
                "--office-processes", "0", "--browsers", "0");
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                     .executor(Executors.newVirtualThreadPerTaskExecutor()).build()) {
            HttpResponse<String> created = http.send(Multipart.form()
                    .field("url", "http://127.0.0.1:" + origin.getAddress().getPort() + "/held.pdf").field("to", "txt")
                    .into(HttpRequest.newBuilder(URI.create(server.base() + "/v1/jobs"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode() / 100).as(created.body()).isEqualTo(2);
            String id = TestServer.JSON.readTree(created.body()).path("id").asText();

            AtomicInteger answered = new AtomicInteger();
            List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
            long firing = System.nanoTime();
            for (int i = 0; i < polls; i++) {
                waiting.add(http.sendAsync(HttpRequest.newBuilder(URI.create(server.base() + "/v1/jobs/" + id + "?wait=60"))
                        .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString())
                        .whenComplete((r, e) -> answered.incrementAndGet()));
            }
            // while every poll is held: the server still answers at once
            List<Long> healthMillis = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long started = System.nanoTime();
                assertThat(server.healthStatus()).isEqualTo(200);
                healthMillis.add((System.nanoTime() - started) / 1_000_000);
                Workload.pauseQuietly(300);
            }
            int early = answered.get();
            long fireMillis = (System.nanoTime() - firing) / 1_000_000;

            long released = System.nanoTime();
            release.countDown();
            Awaitility.await("every long-poll answers").atMost(Duration.ofMinutes(2)).until(() -> answered.get() == polls);
            long answerMillis = (System.nanoTime() - released) / 1_000_000;

            Map<String, Integer> outcomes = new TreeMap<>();
            for (CompletableFuture<HttpResponse<String>> f : waiting) {
                String outcome;
                try {
                    HttpResponse<String> r = f.join();
                    JsonNode job = TestServer.JSON.readTree(r.body());
                    outcome = r.statusCode() + " " + job.path("status").asText();
                } catch (RuntimeException e) {
                    outcome = "no answer: " + e.getCause().getClass().getSimpleName();
                }
                outcomes.merge(outcome, 1, Integer::sum);
            }
            Figures.of("3. concurrent long-polls on one job").put("long-polls", polls)
                    .put("answered before the job ended", early).put("outcomes", outcomes)
                    .put("/health while held (ms, max)", healthMillis.stream().mapToLong(Long::longValue).max().orElse(0))
                    .put("time to open them (ms)", fireMillis).put("job end to last answer (ms)", answerMillis).report();

            assertThat(early).as("long-polls answered before the job ended").isZero();
            assertThat(outcomes).as("every long-poll's answer").containsExactly(Map.entry("200 success", polls));
        } finally {
            release.countDown();
            origin.stop(0);
        }
    }
}
