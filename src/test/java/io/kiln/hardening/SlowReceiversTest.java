package io.kiln.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.hardening.SlowReceiver.Call;
import io.kiln.hardening.SlowReceiver.Pace;
import io.kiln.fetch.PinnedHttpClients;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import io.kiln.webhook.WebhookSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3, load shapes: webhook receivers that answer slowly or not at all (20 quick, 200 full),
 * a third each that hang (take the call and never answer), trickle their answer a byte a second, or
 * answer only after 20 s. Each call to them is cut at the sender's own limit and counted as a failed
 * attempt, then retried under the same {@code webhook-id}, signed; meanwhile a healthy receiver hears
 * of its jobs at once, an ordinary job converts and {@code /health} answers, and the sender holds one
 * connection per call and no more threads for more receivers. Once the slow receivers are fast again,
 * every delivery arrives, answered once, under its one id.
 */
@Tag("hardening")
class SlowReceiversTest {

    private static final String SECRET = "slow-receivers-webhook-secret";
    /** The sender's limit on one call, connection to last byte. */
    private static final Duration CUT_AT = WebhookSettings.DEFAULT_ATTEMPT_TIMEOUT;
    /** How much later than its limit a cut may be recorded on this shared 2-core machine. */
    private static final Duration CUT_SLACK = Duration.ofSeconds(3);
    /**
     * Promptly: the sender is woken when a job with a webhook ends and looks at least every second,
     * and each call holds only its own slot (of {@link WebhookSettings#DEFAULT_CALLS_AT_ONCE}), so a
     * healthy delivery starts within about a second; one that waited for a slow call to end would wait
     * until that call's cut, {@link #CUT_AT} after it began. Half of that is generous for the one and
     * broken by the other.
     */
    private static final Duration PROMPT_WITHIN = CUT_AT.dividedBy(2);
    /** Past every retry wait so far (5 s after the first attempt, 10 s after the second). */
    private static final Duration PAST_THE_RETRY = Duration.ofMinutes(1);
    /**
     * Platform threads the whole JVM may gain while the receivers hang: capped pools warming up (the
     * server's HTTP threads, the sender's client) and the test's own HTTP client's, never one per
     * receiver (200 at full scale).
     */
    private static final int THREADS_GAINED_AT_MOST = 48;

    /** What one round of slow calls was seen to do to everything else. */
    private record Round(List<Long> lagMillis, String ordinaryStatus, long ordinaryMillis, int healthStatus,
                         long healthMillis, int connectionsHeld, int senderThreads) {
    }

    @Test
    void slowReceiversAreCutRetriedUnderTheirIdSignedAndHoldUpNoOne() throws Exception {
        int slowCount = Scale.pick(20, 200);
        int healthyJobs = Scale.pick(5, 20);
        assertThat(slowCount + 1).as("receivers hanging at once, and a healthy one, against the sender's calls at once")
                .isLessThan(WebhookSettings.DEFAULT_CALLS_AT_ONCE);
        byte[] key = SECRET.getBytes(StandardCharsets.UTF_8);
        Pace[] slowPaces = {Pace.HANG, Pace.TRICKLE, Pace.LATE};
        List<SlowReceiver> slow = new ArrayList<>();
        for (int i = 0; i < slowCount; i++) {
            slow.add(new SlowReceiver(slowPaces[i % slowPaces.length]));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long began = System.nanoTime();
        try (SlowReceiver healthy = new SlowReceiver(Pace.PROMPT);
             TestServer server = TestServer.start("--allow-hosts", "127.0.0.1", "--webhook-secret", SECRET);
             ThreadPoolExecutor submitters = new ThreadPoolExecutor(8, 8, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>())) {
            submitters.prestartAllCoreThreads();
            // warm: the engine, the sender's HTTP client and the submitters have their threads
            assertThat(healthyRound(server, healthy, 1)).allMatch(lag -> lag < PROMPT_WITHIN.toMillis());
            int threadsBefore = threads.getThreadCount();
            threads.resetPeakThreadCount();

            // round 1: every slow receiver is called once and holds the call
            List<Future<String>> submitted = new ArrayList<>();
            for (SlowReceiver r : slow) {
                submitted.add(submitters.submit(() -> submit(server, r.url())));
            }
            List<String> slowJobs = new ArrayList<>();
            for (Future<String> f : submitted) {
                slowJobs.add(f.get());
            }
            awaitCalls(slow, 1, CUT_AT.multipliedBy(slowCount).plusSeconds(30));
            Round first = whileHeld(server, healthy, slow, healthyJobs);
            List<JsonNode> afterFirst = awaitAttempts(server, slowJobs, 1);

            // round 2: their retries come due; the receivers are as slow as before
            server.clock().advance(PAST_THE_RETRY);
            awaitCalls(slow, 2, CUT_AT.multipliedBy(slowCount).plusSeconds(30));
            Round second = whileHeld(server, healthy, slow, healthyJobs);
            List<JsonNode> afterSecond = awaitAttempts(server, slowJobs, 2);
            int threadsPeak = threads.getPeakThreadCount();
            int senderThreadsAfterCut = senderThreads();
            boolean connectionsClosed = Awaited.quietly(Duration.ofSeconds(10),
                    () -> slow.stream().mapToInt(SlowReceiver::openConnections).sum() == 0);

            // round 3: the receivers are fast again
            slow.forEach(r -> r.pace(Pace.PROMPT));
            server.clock().advance(PAST_THE_RETRY);
            long fastAgain = System.nanoTime();
            boolean allDelivered = Awaited.quietly(Duration.ofSeconds(60), () -> slowJobs.stream()
                    .allMatch(id -> webhook(server, id).path("status").asText().equals("delivered")));
            long settleMillis = (System.nanoTime() - fastAgain) / 1_000_000;

            List<Long> cutMillis = new ArrayList<>();
            List<String> notCut = notCut(List.of(afterFirst, afterSecond), slow, slowJobs, cutMillis);
            List<String> wrongEnds = wrongEnds(server, slow, slowJobs);
            List<Call> every = new ArrayList<>(healthy.calls());
            slow.forEach(r -> every.addAll(r.calls()));
            long badSignatures = every.stream().filter(Predicate.not(c -> c.verifies(key))).count();
            List<Call> healthyCalls = healthy.calls();
            long healthyRepeats = healthyCalls.size() - healthyCalls.stream().map(Call::webhookId).distinct().count();
            int mostPerReceiver = slow.stream().mapToInt(SlowReceiver::mostOpenConnections).max().orElse(0);
            List<Long> lags = new ArrayList<>(first.lagMillis());
            lags.addAll(second.lagMillis());

            Figures.of("3. slow webhook receivers").put("slow receivers", slowCount + " (hang, trickle 1 B/s, answer after "
                            + SlowReceiver.LATE_BY.toSeconds() + " s)")
                    .put("calls cut at the limit (ms, median/max)", median(cutMillis) + "/" + max(cutMillis)
                            + " of " + CUT_AT.toMillis())
                    .put("not cut as a failed attempt", notCut.size())
                    .put("healthy deliveries meanwhile", lags.size())
                    .put("job end to healthy delivery (ms, median/max)", median(lags) + "/" + max(lags))
                    .put("ordinary job meanwhile", first.ordinaryStatus() + " in " + first.ordinaryMillis() + " ms, "
                            + second.ordinaryStatus() + " in " + second.ordinaryMillis() + " ms")
                    .put("/health meanwhile (ms, max)", Math.max(first.healthMillis(), second.healthMillis()))
                    .put("sender connections held (round 1/2)", first.connectionsHeld() + "/" + second.connectionsHeld())
                    .put("JVM platform threads (before/peak)", threadsBefore + "/" + threadsPeak)
                    .put("sender's platform threads (held, held, after the cut)", first.senderThreads() + "/"
                            + second.senderThreads() + "/" + senderThreadsAfterCut)
                    .put("calls per slow delivery", (double) (every.size() - healthyCalls.size()) / slowCount)
                    .put("delivered once fast", allDelivered ? "all, in " + settleMillis + " ms" : "not all")
                    .put("wrong ends", wrongEnds.size()).put("bad signatures", badSignatures)
                    .put("whole run (s)", (System.nanoTime() - began) / 1_000_000_000).report();

            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(notCut).as("slow calls not cut at the sender's limit as a failed attempt").isEmpty();
            soft.assertThat(lags).as("job end to healthy delivery (ms) while slow calls were held")
                    .allMatch(lag -> lag < PROMPT_WITHIN.toMillis());
            for (Round r : List.of(first, second)) {
                soft.assertThat(r.ordinaryStatus()).as("an ordinary job while slow calls were held").isEqualTo("success");
                soft.assertThat(r.healthStatus()).as("/health while slow calls were held").isEqualTo(200);
                soft.assertThat(r.healthMillis()).as("/health (ms)").isLessThan(PROMPT_WITHIN.toMillis());
                soft.assertThat(r.connectionsHeld()).as("connections held to the slow receivers: one per call at most")
                        .isLessThanOrEqualTo(slowCount);
            }
            // the retries came due at one step of the clock: all are called at once
            soft.assertThat(second.connectionsHeld()).as("connections held by the retries").isEqualTo(slowCount);
            soft.assertThat(mostPerReceiver).as("connections to one receiver at once (one delivery each)").isEqualTo(1);
            soft.assertThat(connectionsClosed).as("every cut call's connection closed").isTrue();
            soft.assertThat(List.of(first.senderThreads(), second.senderThreads(), senderThreadsAfterCut))
                    .as("the sender's platform threads").allMatch(n -> n <= PinnedHttpClients.PLATFORM_THREADS);
            soft.assertThat(threadsPeak - threadsBefore).as("platform threads gained while " + slowCount
                    + " receivers held their calls").isLessThanOrEqualTo(THREADS_GAINED_AT_MOST);
            soft.assertThat(allDelivered).as("every delivery made once the receivers were fast").isTrue();
            soft.assertThat(wrongEnds).as("deliveries not answered exactly once under one id, after two cut attempts")
                    .isEmpty();
            soft.assertThat(badSignatures).as("calls whose signature does not verify").isZero();
            soft.assertThat(healthyRepeats).as("healthy deliveries called twice").isZero();
            soft.assertAll();
        } finally {
            slow.forEach(SlowReceiver::close);
        }
    }

    /**
     * Each slow delivery's n-th attempt (after round n) that was not cut at the sender's limit and
     * recorded as a failed attempt with the delivery still pending; its duration goes into {@code cutMillis}.
     */
    private static List<String> notCut(List<List<JsonNode>> afterRounds, List<SlowReceiver> slow, List<String> jobs,
                                       List<Long> cutMillis) {
        List<String> notCut = new ArrayList<>();
        for (int n = 0; n < afterRounds.size(); n++) {
            for (int i = 0; i < jobs.size(); i++) {
                JsonNode hook = afterRounds.get(n).get(i);
                JsonNode attempt = hook.path("attempts").get(n);
                long ms = attempt.path("durationMs").asLong();
                cutMillis.add(ms);
                if (!attempt.path("status").isNull() || !attempt.path("error").asText().contains("did not answer within")
                        || ms < CUT_AT.toMillis() || ms > CUT_AT.plus(CUT_SLACK).toMillis()
                        || !hook.path("status").asText().equals("pending")) {
                    notCut.add(slow.get(i).calls().getFirst().pace() + " " + jobs.get(i) + ": " + hook);
                }
            }
        }
        return notCut;
    }

    /**
     * Slow deliveries that did not end as they should: two cut attempts, then one answered call, every
     * call about their job and under their one {@code webhook-id}.
     */
    private static List<String> wrongEnds(TestServer server, List<SlowReceiver> slow, List<String> jobs) {
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            String job = jobs.get(i);
            List<Call> got = slow.get(i).calls();
            List<String> ids = got.stream().map(Call::webhookId).distinct().toList();
            List<String> statuses = webhook(server, job).path("attempts").findValuesAsText("status");
            int answered = slow.get(i).answered().size();
            if (ids.size() != 1 || answered != 1 || got.size() != 3 || !got.stream().allMatch(c -> c.jobId().equals(job))
                    || !statuses.equals(List.of("null", "null", "200"))) {
                wrong.add(job + ": " + got.size() + " calls under " + ids + ", " + answered + " answered; attempts "
                        + statuses);
            }
        }
        return wrong;
    }

    /** While the slow receivers hold their calls: healthy deliveries, an ordinary job and {@code /health}. */
    private static Round whileHeld(TestServer server, SlowReceiver healthy, List<SlowReceiver> slow, int jobs) {
        int held = slow.stream().mapToInt(SlowReceiver::openConnections).sum();
        int senderThreads = senderThreads();
        List<Long> lags = healthyRound(server, healthy, jobs);
        long started = System.nanoTime();
        String ordinary = server.convert(Multipart.form().file("file", Corpus.file("pdf/pdflatex-4-pages.pdf"))
                .field("to", "txt")).path("status").asText();
        long ordinaryMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        int health = server.get("/health").statusCode();
        long healthMillis = (System.nanoTime() - started) / 1_000_000;
        return new Round(lags, ordinary, ordinaryMillis, health, healthMillis, held, senderThreads);
    }

    /** The sender's platform threads: its HTTP client's pool (its calls run on virtual threads). */
    private static int senderThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("kiln-webhook"))
                .count();
    }

    /**
     * Jobs with the healthy receiver's webhook, one after another: for each, the time from its end
     * (its long-poll answering) to its delivery's arrival; none when it came first.
     */
    private static List<Long> healthyRound(TestServer server, SlowReceiver healthy, int jobs) {
        List<Long> lags = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            String id = submit(server, healthy.url());
            server.awaitEnd(id);
            long ended = System.nanoTime();
            Call call = Awaitility.await("the healthy receiver hears of " + id).atMost(CUT_AT.multipliedBy(30))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> healthy.calls().stream().filter(c -> c.jobId().equals(id)).findFirst(),
                            java.util.Optional::isPresent).orElseThrow();
            lags.add(Math.max(0, (call.arrivedNanos() - ended) / 1_000_000));
        }
        return lags;
    }

    /** A fast job (PDF → info) that calls {@code webhook} when it ends; its id. */
    private static String submit(TestServer server, String webhook) {
        var created = server.postMultipart("/v1/jobs", Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                .field("to", "info").field("webhook", webhook));
        assertThat(created.statusCode() / 100).as(created.body()).isEqualTo(2);
        return TestServer.json(created).path("id").asText();
    }

    private static void awaitCalls(List<SlowReceiver> receivers, int calls, Duration atMost) {
        Awaitility.await("every slow receiver has had " + calls + " calls").atMost(atMost)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> receivers.stream().allMatch(r -> r.calls().size() >= calls));
    }

    /** Each job's webhook once its {@code attempts}-th attempt is recorded. */
    private static List<JsonNode> awaitAttempts(TestServer server, List<String> jobs, int attempts) {
        List<JsonNode> views = new ArrayList<>();
        for (String id : jobs) {
            views.add(Awaitility.await("attempt " + attempts + " of " + id + "'s webhook is recorded")
                    .atMost(CUT_AT.plus(CUT_SLACK).multipliedBy(jobs.size()).plusSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> webhook(server, id), hook -> hook.path("attempts").size() >= attempts));
        }
        return views;
    }

    private static JsonNode webhook(TestServer server, String id) {
        return TestServer.json(server.get("/v1/jobs/" + id)).path("webhook");
    }

    private static long median(List<Long> values) {
        return values.isEmpty() ? 0 : values.stream().sorted().toList().get(values.size() / 2);
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
