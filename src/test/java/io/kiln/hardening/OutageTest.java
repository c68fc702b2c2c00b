package io.kiln.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.testing.Postgres;
import io.kiln.testing.S3Server;
import io.kiln.testing.ServerProcess;
import io.kiln.testing.TcpRelay;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 2, dependencies failing: two nodes sharing PostgreSQL and an S3 server, under mixed load,
 * while one dependency stops (60 s in the full run, 15 s in the quick one). Each dependency is reached
 * through a {@link TcpRelay} that is cut: open connections reset, new ones refused, as when the
 * server stops. Meanwhile every dialect's upload answers 503 with {@code Retry-After} in its own
 * shape, promptly (no request hangs for a pool's timeout), and {@code /ready} says not ready; once
 * the dependency is back, every job accepted before, during or after completes, webhooks once.
 */
@Tag("hardening")
class OutageTest {

    /** An answer during an outage must come well before a client's own timeout would give up. */
    private static final Duration PROMPT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    enum Dependency { POSTGRESQL, S3 }

    @Test
    void postgresqlStoppedUnderLoadOnTwoNodesIs503InEachDialectAndLosesNothing(@TempDir Path dir) throws Exception {
        outage(Dependency.POSTGRESQL, dir);
    }

    @Test
    void theS3ServerStoppedUnderLoadOnTwoNodesIs503InEachDialectAndLosesNothing(@TempDir Path dir) throws Exception {
        outage(Dependency.S3, dir);
    }

    private void outage(Dependency dependency, Path dir) throws Exception {
        Duration down = Duration.ofSeconds(Scale.pick(15, 60));
        Postgres pg = Postgres.server();
        S3Server s3 = S3Server.server();
        String database = pg.freshDatabase();
        String bucket = s3.freshBucket();
        try (TcpRelay dbLink = new TcpRelay("127.0.0.1", pg.port());
             TcpRelay s3Link = new TcpRelay(s3.endpoint().getHost(), s3.endpoint().getPort());
             WebhookReceiver receiver = new WebhookReceiver()) {
            List<String> flags = new ArrayList<>(List.of(
                    "--db-url", database.replace(":" + pg.port() + "/", ":" + dbLink.port() + "/"),
                    "--db-user", pg.user(), "--allow-anonymous", "--workers", "2", "--office-processes", "1",
                    "--browsers", "0", "--allow-hosts", "127.0.0.1", "--webhook-retry-first", "1s"));
            flags.addAll(s3.serveFlags(bucket, URI.create("http://127.0.0.1:" + s3Link.port())));
            TcpRelay link = dependency == Dependency.POSTGRESQL ? dbLink : s3Link;
            try (ServerProcess a = ServerProcess.start(dir.resolve("a"), flags.toArray(String[]::new));
                 ServerProcess b = ServerProcess.start(dir.resolve("b"), flags.toArray(String[]::new));
                 Workload load = new Workload(List.of(a.base(), b.base()), List.of(Workload.Kind.PDF_INFO,
                         Workload.Kind.PDF_TXT, Workload.Kind.PDF_PNG, Workload.Kind.DOCX_PDF, Workload.Kind.HTML_PDF),
                         receiver.url()).start(2, 3)) {
                Awaited.quietly(Duration.ofSeconds(60), () -> load.accepted().size() >= 10);
                int acceptedBefore = load.accepted().size();

                link.cut();
                Probes probes = probeUntil(System.nanoTime() + down.toNanos(), List.of(a.base(), b.base()), dependency);
                link.restore();
                int acceptedDuring = load.accepted().size() - acceptedBefore;

                int acceptedByRestore = load.accepted().size();
                boolean resumed = Awaited.quietly(Duration.ofSeconds(60),
                        () -> load.accepted().size() >= acceptedByRestore + 10);
                Workload.Settled settled = load.settle(Duration.ofMinutes(4));
                WebhookReceiver.Tally webhooks = receiver.tally(
                        settled.accepted().stream().filter(Workload.Accepted::webhook).toList(), Duration.ofMinutes(2));
                Figures.of("2. " + dependency.name().toLowerCase(Locale.ROOT).replace("postgresql", "PostgreSQL")
                                .replace("s3", "S3 server") + " stopped " + down.toSeconds() + " s under load, two nodes")
                        .put("accepted", settled.accepted().size()).put("accepted while down", acceptedDuring)
                        .put("ended", settled.byStatus()).put("wrong or lost", settled.wrong().size())
                        .put("ends undone", load.undone().size())
                        .put("load refused by status", load.refusedByStatus())
                        .put("probes while down", probes.byStatus())
                        .put("probes not 503 in shape", probes.wrong().size())
                        .put("slowest answer while down (ms)", probes.slowestMillis())
                        .put("webhooks", webhooks).report();

                assertThat(resumed).as("both nodes accept jobs again once the dependency is back").isTrue();
                assertThat(probes.wrong()).as("answers during the outage that are not 503 in the dialect's shape")
                        .isEmpty();
                assertThat(probes.slowestMillis()).as("the slowest answer during the outage, ms")
                        .isLessThan(PROMPT.toMillis());
                assertThat(load.refusedByStatus()).as("refusals under load by status: " + load.refusalSamples()).doesNotContainKey(500);
                load.assertNothingLost(settled, webhooks);
            } finally {
                link.restore();
            }
        }
    }

    /** What the dialects answered while the dependency was down. */
    record Probes(Map<Integer, Integer> byStatus, List<String> wrong, long slowestMillis) {
    }

    /**
     * Until {@code deadline}, round after round: an upload on every dialect's route to each node,
     * {@code /ready}, and with the database down a job's status. Every one must be 503 with
     * {@code Retry-After} in the dialect's shape ({@code /ready}: 503).
     */
    private Probes probeUntil(long deadline, List<String> bases, Dependency dependency) throws Exception {
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        long slowest = 0;
        Path pdf = UploadRoutes.largePdf();
        Workload.pauseQuietly(500); // the cut reaches pooled connections at their next use
        for (int round = 0; System.nanoTime() < deadline; round++) {
            String base = bases.get(round % bases.size());
            for (UploadRoutes.Route route : UploadRoutes.all()) {
                long started = System.nanoTime();
                RawHttp.Answer answer = send(route.valid().apply(pdf).into(
                        HttpRequest.newBuilder(URI.create(base + route.path()))));
                slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
                byStatus.merge(answer.status(), 1, Integer::sum);
                try {
                    assertThat(answer.status()).as("status").isEqualTo(503);
                    assertThat(answer.header("retry-after")).as("Retry-After").isNotBlank();
                    route.shaped().accept(answer);
                } catch (AssertionError e) {
                    wrong.add(route + ": " + answer.status() + " " + answer.body() + " (" + e.getMessage().strip() + ")");
                }
            }
            long started = System.nanoTime();
            RawHttp.Answer ready = send(HttpRequest.newBuilder(URI.create(base + "/ready")).GET());
            slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
            if (ready.status() != 503) {
                wrong.add("/ready: " + ready.status() + " " + ready.body());
            }
            if (dependency == Dependency.POSTGRESQL) {
                RawHttp.Answer status = send(HttpRequest.newBuilder(URI.create(base + "/v1/jobs/some-job-id")).GET());
                if (status.status() != 503 || status.header("retry-after").isBlank()) {
                    wrong.add("GET /v1/jobs/{id}: " + status.status() + " " + status.body());
                }
            }
            Workload.pauseQuietly(1000);
        }
        return new Probes(byStatus, wrong, slowest);
    }

    private RawHttp.Answer send(HttpRequest.Builder request) throws Exception {
        try {
            return RawHttp.Answer.of(http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (java.io.IOException e) {
            return new RawHttp.Answer(0, Map.of(), "no answer: " + e);
        }
    }
}
