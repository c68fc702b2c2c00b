package io.kiln.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.ServerProcess;
import io.kiln.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scenario 1, engines crashing and hanging: through a running server, kill -9 or SIGSTOP the
 * engine process working on a job — LibreOffice's {@code soffice.bin}, the Chromium browser, a
 * {@code tesseract} run. A killed engine's job is tried once more on a fresh process and succeeds; a
 * stopped one's fails as {@code timeout} within its limit and the process is removed; either way the
 * engine's pool heals and its next job succeeds. No job hangs.
 */
@Tag("hardening")
class EngineFaultsTest {

    private static final Duration TASK_TIMEOUT = Duration.ofSeconds(20);
    /** What a job may take past its limit to end: the kill, the bookkeeping, a loaded machine. */
    private static final Duration GRACE = Duration.ofSeconds(40);

    @TempDir
    static Path dir;
    private static ServerProcess server;
    private static Path longHtml;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    enum Engine {
        LIBREOFFICE("libreoffice", "soffice.bin"),
        CHROMIUM("html", "headless"),
        TESSERACT("ocr", "tesseract");

        final String readyName;
        final String command;

        Engine(String readyName, String command) {
            this.readyName = readyName;
            this.command = command;
        }
    }

    @BeforeAll
    static void start() throws IOException {
        server = ServerProcess.start(dir.resolve("data"), "--workers", "2", "--office-processes", "1", "--browsers", "1",
                "--task-timeout", TASK_TIMEOUT.toSeconds() + "s");
        // a page Chromium needs a few seconds to lay out and print (about 100 pages), well inside the limit
        StringBuilder html = new StringBuilder("<!doctype html><html><body><table>");
        for (int i = 0; i < 4_000; i++) {
            html.append("<tr><td>row ").append(i).append("</td><td>").append("lorem ipsum dolor sit amet ".repeat(6))
                    .append("</td><td>").append(i * 7).append("</td></tr>");
        }
        longHtml = Files.writeString(dir.resolve("long.html"), html.append("</table></body></html>"));
        Awaitility.await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> allReady());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static boolean allReady() throws Exception {
        JsonNode engines = TestServer.JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.base() + "/ready")).build(), HttpResponse.BodyHandlers.ofString()).body()).path("engines");
        for (Engine e : Engine.values()) {
            if (!engines.path(e.readyName).path("state").asText().equals("ready")) {
                return false;
            }
        }
        return true;
    }

    /** A job that keeps {@code engine} busy for seconds. */
    private static Multipart longJob(Engine engine) {
        return switch (engine) {
            case LIBREOFFICE -> Multipart.form().file("file", Corpus.file("docx/bug65649.docx")).field("to", "pdf");
            case CHROMIUM -> Multipart.form().file("file", longHtml).field("to", "pdf");
            case TESSERACT -> Multipart.form().file("file", Corpus.file("pdf/pdflatex-4-pages.pdf")).field("to", "ocr-txt");
        };
    }

    /** A small job of the same engine, to show it serves again. */
    private static Multipart shortJob(Engine engine) {
        return switch (engine) {
            case LIBREOFFICE -> Multipart.form().file("file", Corpus.file("docx/2pic.docx")).field("to", "pdf");
            case CHROMIUM -> Multipart.form().file("file", Corpus.file("html/test-invoice.html")).field("to", "pdf");
            case TESSERACT -> Multipart.form().file("file", Corpus.file("images/testOCR.png")).field("to", "ocr-txt");
        };
    }

    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource({"KILL, LIBREOFFICE", "STOP, LIBREOFFICE", "KILL, CHROMIUM", "STOP, CHROMIUM", "KILL, TESSERACT",
            "STOP, TESSERACT"})
    void anEngineKilledOrStoppedMidJobEndsTheJobClearlyAndServesTheNext(String signal, Engine engine) throws Exception {
        String id = submit(longJob(engine));
        AtomicReference<ProcessHandle> victim = new AtomicReference<>();
        Awaitility.await(engine + " at work on the job").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> busyEngineProcess(engine).map(p -> {
                    victim.set(p);
                    return true;
                }).orElse(false));
        long signalled = System.nanoTime();
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(victim.get().pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + signal).isTrue();

        JsonNode job = awaitEnd(id, TASK_TIMEOUT.plus(GRACE).multipliedBy(signal.equals("KILL") ? 2 : 1));
        long endedMillis = (System.nanoTime() - signalled) / 1_000_000;
        String status = job.path("status").asText();
        String code = job.path("error").path("code").asText();

        Awaitility.await("the stopped or killed process is gone").atMost(GRACE)
                .until(() -> !victim.get().isAlive());
        Awaitility.await(engine + " ready again").atMost(Duration.ofMinutes(2)).ignoreExceptions()
                .until(EngineFaultsTest::allReady);
        JsonNode next = awaitEnd(submit(shortJob(engine)), TASK_TIMEOUT.plus(GRACE));
        Figures.of("1. engine " + signal.toLowerCase() + " mid-job: " + engine.name().toLowerCase())
                .put("job", status + (code.isEmpty() ? "" : " " + code)).put("signal to end (ms)", endedMillis)
                .put("attempts", job.path("attempts").asInt()).put("next job", next.path("status").asText()).report();

        if (signal.equals("STOP")) {
            assertThat(status + " " + code).as(job.toString()).isEqualTo("failed timeout");
        } else {
            // each engine tries a job once more on a fresh process after a crash
            assertThat(status).as("retried on a fresh process: " + job).isEqualTo("success");
        }
        assertThat(next.path("status").asText()).as("the next " + engine + " job: " + next).isEqualTo("success");
    }

    /**
     * The engine's process that is burning CPU (for Chromium, the browser whose page is rendering):
     * sampled twice, 200 ms apart, so that an idle warm process is not mistaken for the busy one.
     */
    private static Optional<ProcessHandle> busyEngineProcess(Engine engine) throws InterruptedException {
        var candidates = server.handle().descendants().filter(p -> command(p).contains(engine.command))
                .filter(p -> engine != Engine.CHROMIUM || p.parent().map(pp -> pp.pid() == server.pid()).orElse(false))
                .toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        java.util.Map<Long, Duration> before = new java.util.HashMap<>();
        for (ProcessHandle p : candidates) {
            before.put(p.pid(), cpuOfTree(p));
        }
        Thread.sleep(200);
        return candidates.stream().filter(ProcessHandle::isAlive)
                .filter(p -> cpuOfTree(p).minus(before.get(p.pid())).toMillis() >= 50).findFirst();
    }

    private static Duration cpuOfTree(ProcessHandle p) {
        Duration own = p.info().totalCpuDuration().orElse(Duration.ZERO);
        return p.descendants().map(d -> d.info().totalCpuDuration().orElse(Duration.ZERO)).reduce(own, Duration::plus);
    }

    private static String command(ProcessHandle p) {
        return p.info().commandLine().or(() -> p.info().command()).orElse("");
    }

    private String submit(Multipart form) throws Exception {
        HttpResponse<String> r = http.send(form.into(HttpRequest.newBuilder(URI.create(server.base() + "/v1/jobs")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode() / 100).as(r.body()).isEqualTo(2);
        return TestServer.JSON.readTree(r.body()).path("id").asText();
    }

    private JsonNode awaitEnd(String id, Duration atMost) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Awaitility.await("job " + id + " ends").atMost(atMost).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> {
                    JsonNode job = TestServer.JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(
                            server.base() + "/v1/jobs/" + id)).build(), HttpResponse.BodyHandlers.ofString()).body());
                    last.set(job);
                    return Workload.isEnd(job.path("status").asText());
                });
        return last.get();
    }
}
