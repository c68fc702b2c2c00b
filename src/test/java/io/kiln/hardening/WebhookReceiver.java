package io.kiln.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on loopback that records every call: native deliveries (POST of the job JSON,
 * {@code webhook-id}) and ConvertAPI's ({@code GET ?JobId=}). It answers {@link #answer} (200 unless set).
 */
final class WebhookReceiver implements AutoCloseable {

    /** One call: the job it was about and its {@code webhook-id} (null for ConvertAPI's GET). */
    record Call(String jobId, String webhookId, String status, String method) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(200);

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String query = exchange.getRequestURI().getRawQuery();
                if ("GET".equals(exchange.getRequestMethod()) && query != null && query.startsWith("JobId=")) {
                    calls.add(new Call(query.substring("JobId=".length()), null, null, "GET"));
                } else {
                    JsonNode job = JSON.readTree(body);
                    calls.add(new Call(job.path("id").asText(job.path("jobId").asText()),
                            exchange.getRequestHeaders().getFirst("webhook-id"), job.path("status").asText(), "POST"));
                }
                exchange.sendResponseHeaders(answer.get(), -1);
            }
        });
        server.start();
    }

    /** The URL to give jobs as their webhook. */
    String url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook").toString();
    }

    void answer(int status) {
        answer.set(status);
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Calls per job id. */
    Map<String, List<Call>> byJob() {
        Map<String, List<Call>> out = new ConcurrentHashMap<>();
        for (Call c : calls) {
            out.computeIfAbsent(c.jobId(), k -> new CopyOnWriteArrayList<>()).add(c);
        }
        return out;
    }

    /**
     * How the webhooks of {@code hooked} jobs arrived, after waiting up to {@code atMost} for each.
     *
     * @param undelivered jobs with no call at all
     * @param redelivered calls beyond the first, under the same delivery id (allowed: at least once)
     * @param twoIds jobs called under more than one delivery id (never allowed)
     */
    record Tally(int jobs, List<String> undelivered, int redelivered, List<String> twoIds) {
        @Override
        public String toString() {
            return jobs + " jobs, " + undelivered.size() + " undelivered, " + redelivered
                    + " redelivered with the same id, " + twoIds.size() + " with two ids";
        }
    }

    Tally tally(List<Workload.Accepted> hooked, Duration atMost) {
        Awaited.quietly(atMost, () -> hooked.stream().allMatch(a -> byJob().containsKey(a.id())));
        Map<String, List<Call>> got = byJob();
        List<String> undelivered = new ArrayList<>();
        List<String> twoIds = new ArrayList<>();
        int redelivered = 0;
        for (Workload.Accepted a : hooked) {
            List<Call> calls = got.getOrDefault(a.id(), List.of());
            if (calls.isEmpty()) {
                undelivered.add(a.id() + " (" + a.kind() + ")");
                continue;
            }
            redelivered += calls.size() - 1;
            if (calls.stream().map(Call::webhookId).distinct().count() != 1) {
                twoIds.add(a.id() + ": " + calls);
            }
        }
        return new Tally(hooked.size(), undelivered, redelivered, twoIds);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
