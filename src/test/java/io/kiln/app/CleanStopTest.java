package io.kiln.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.Postgres;
import io.kiln.testing.ProcessSignals;
import io.kiln.testing.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean stop as systemd and container runtimes make it, on real server processes: SIGTERM, to the
 * JVM or its whole process group. {@code /ready} turns 503 and new jobs are refused in the dialect's
 * shape while a running job finishes; after {@code --drain-timeout} what still runs is handed back
 * at once, for another node to take without waiting out its lease; an idle server exits in seconds
 * with its engine processes, none restarted.
 */
class CleanStopTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    /** pdf → png of pages of a 350-page book: seconds of the pdf engine's own work, no child process. */
    private static Multipart pages(String range) {
        return Multipart.form().file("file", Corpus.file("pdf/freeculture.pdf"))
                .field("to", "png").field("dpi", "72").field("pages", range);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String submit(ServerProcess server, Multipart form) throws Exception {
        HttpResponse<String> r = send(form.into(HttpRequest.newBuilder(URI.create(server.base() + "/v1/jobs"))));
        assertThat(r.statusCode()).as("submit: %s", r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("id").asText();
    }

    private JsonNode job(ServerProcess server, String id) throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create(server.base() + "/v1/jobs/" + id))).body());
    }

    private void awaitWorking(ServerProcess server, String id) {
        await("job " + id + " is working").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> job(server, id).path("status").asText(), s -> s.equals("working"));
    }

    @Test
    void sigtermLetsTheRunningJobFinishWhileReadyIs503AndNewJobsAreRefusedInEachShape(@TempDir Path data)
            throws Exception {
        ServerProcess server = ServerProcess.start(data, "--workers", "1", "--drain-timeout", "60s");
        try (server) {
            try {
                drainsWhileRefusing(server);
            } catch (Exception | AssertionError e) { // before close() deletes the log
                throw new AssertionError(e.getMessage() + "\n--- the server's log ---\n" + server.log(), e);
            }
        }
    }

    private void drainsWhileRefusing(ServerProcess server) throws Exception {
        String running = submit(server, pages("1-120"));
        awaitWorking(server, running);
        ProcessSignals.send("TERM", server.pid()); // the JVM alone, as `kill PID` or systemd's main-process mode

        await("/ready says stopping").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> send(HttpRequest.newBuilder(URI.create(server.base() + "/ready"))),
                        r -> r.statusCode() == 503 && r.body().contains("\"status\":\"stopping\""));
        HttpResponse<String> nativeRefusal = send(pages("1").into(
                HttpRequest.newBuilder(URI.create(server.base() + "/v1/jobs"))));
        assertThat(nativeRefusal.statusCode()).isEqualTo(503);
        assertThat(nativeRefusal.headers().firstValue("Retry-After")).isPresent();
        assertThat(nativeRefusal.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(nativeRefusal.body()).path("code").asText()).isEqualTo("unavailable");
        // PDF.co's shape: {"error": true, "status": 503, "message": …}
        HttpResponse<String> pdfCoRefusal = send(HttpRequest.newBuilder(URI.create(server.base()
                + "/v1/pdf/convert/to/text")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"" + server.base() + "/health\"}")));
        assertThat(pdfCoRefusal.statusCode()).isEqualTo(503);
        JsonNode pdfCo = JSON.readTree(pdfCoRefusal.body());
        assertThat(pdfCo.path("error").asBoolean()).isTrue();
        assertThat(pdfCo.path("status").asInt()).isEqualTo(503);

        // the server exits as soon as the job has ended: asked after the restart, it ended in this run
        assertThat(server.awaitExit(Duration.ofSeconds(60))).as("the server exits once the job ended").isTrue();
        assertThat(server.log()).contains("job public/" + running + " success");
        try (ServerProcess restarted = ServerProcess.start(server.data(), "--workers", "1")) {
            JsonNode done = job(restarted, running);
            assertThat(done.path("status").asText()).as("%s", done).isEqualTo("success");
            assertThat(done.path("attempts").asInt()).as("finished in the drain, not run again").isEqualTo(1);
            assertThat(done.path("outputs")).hasSize(120);
        }
    }

    @Test
    void whatStillRunsAfterTheDrainIsHandedBackAndAnotherNodeTakesItAtOnce(@TempDir Path data) throws Exception {
        Postgres pg = Postgres.server();
        String[] shared = {"--db-url", pg.freshDatabase(), "--db-user", pg.user(), "--allow-anonymous",
                "--workers", "1", "--lease", "60s"};
        List<String> a = new ArrayList<>(List.of(shared));
        a.addAll(List.of("--drain-timeout", "1s"));
        // one data directory: without a bucket the nodes' large files live on its disk
        ServerProcess first = ServerProcess.start(data, a.toArray(String[]::new));
        try (first) {
            String slow = submit(first, pages("1-350"));
            awaitWorking(first, slow);
            ProcessSignals.send("TERM", first.pid());
            assertThat(first.awaitExit(Duration.ofSeconds(20))).as("exits after its 1 s drain").isTrue();
            assertThat(first.log()).contains("handed back to the queue");
            ServerProcess second = ServerProcess.start(data, shared);
            try (second) {
                try {
                    handedBackJobRunsOn(second, slow);
                } catch (Exception | AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n--- the first node's log ---\n" + first.log()
                            + "\n--- the second's ---\n" + second.log(), e);
                }
            }
        }
    }

    private void handedBackJobRunsOn(ServerProcess second, String slow) {
        // the lease (60 s) has not run out: only a hand-back lets the second node take it now
        JsonNode taken = await("the other node runs the handed-back job").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> job(second, slow), j -> j.path("status").asText().equals("working"));
        assertThat(taken.path("attempts").asInt()).as("the stopped run is not counted").isEqualTo(1);
    }

    @Test
    void anIdleServerStopsWithItsEnginesInSecondsOnSigtermToItsGroupAndRestartsNone(@TempDir Path data)
            throws Exception {
        ServerProcess server = ServerProcess.startInOwnGroup(data, 0, Map.of(), "--office-processes", "1");
        try (server) {
            // while LibreOffice warms /ready is 503 and says so; then 200
            List<String> seen = new ArrayList<>();
            await("the office engine is warm").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.base() + "/ready")));
                        JsonNode body = JSON.readTree(r.body());
                        String office = body.path("engines").path("libreoffice").path("state").asText();
                        seen.add(r.statusCode() + " " + body.path("status").asText() + " " + office);
                        assertThat(r.statusCode()).as("/ready with libreoffice %s", office)
                                .isEqualTo(office.equals("warming") ? 503 : 200);
                        assertThat(body.path("components").path("database").asText()).isEqualTo("up");
                        return r.statusCode() == 200;
                    });
            long signalled = System.nanoTime();
            server.signalGroup("TERM");
            assertThat(server.awaitExit(Duration.ofSeconds(30))).isTrue();
            long millis = (System.nanoTime() - signalled) / 1_000_000;
            assertThat(millis).as("signal to exit, idle (ms)").isLessThan(5000);
            await("no process of the group is left").atMost(Duration.ofSeconds(5))
                    .until(() -> server.groupMembers().isEmpty());
            String log = server.log();
            assertThat(java.util.regex.Pattern.compile("office process \\d+ \\(port [^)]*\\) ready").matcher(log).results()
                    .count()).as("office started once, never again: %s", log).isEqualTo(1);
            assertThat(log).doesNotContain("restarting office process");
        }
    }
}
