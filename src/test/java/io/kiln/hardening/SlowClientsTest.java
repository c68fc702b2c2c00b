package io.kiln.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.ServerProcess;
import io.kiln.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 3, load shapes: slow-loris uploads — clients that announce a large multipart upload and
 * then send a byte every half second, never going idle (50 quick, 500 full). The server cuts each
 * one within a bound, and meanwhile an ordinary job is accepted and converted: uploads never hold a
 * worker, and a trickle cannot hold a connection for ever.
 */
@Tag("hardening")
class SlowClientsTest {

    /** What the server is given to notice a trickle: its minimum rate is judged over a few seconds. */
    private static final Duration CUT_WITHIN = Duration.ofSeconds(45);

    @Test
    void trickledUploadsAreCutWithinABoundAndOrdinaryJobsCarryOn(@TempDir Path dir) throws Exception {
        int slow = Scale.pick(50, 500);
        try (ServerProcess server = ServerProcess.start(dir.resolve("data"), "--workers", "2",
                "--office-processes", "0", "--browsers", "0")) {
            URI base = URI.create(server.base());
            List<CompletableFuture<Long>> cuts = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < slow; i++) {
                cuts.add(CompletableFuture.supplyAsync(() -> trickle(base, started),
                        java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
            }
            Workload.pauseQuietly(2000); // the trickles are under way
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> created = http.send(Multipart.form().file("file", Corpus.file("pdf/pdflatex-4-pages.pdf"))
                    .field("to", "txt").into(HttpRequest.newBuilder(URI.create(server.base() + "/v1/jobs")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String id = TestServer.JSON.readTree(created.body()).path("id").asText();
            String ordinary = TestServer.JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(server.base()
                    + "/v1/jobs/" + id + "?wait=30")).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .path("status").asText();

            List<Long> cutMillis = new ArrayList<>();
            int notCut = 0;
            for (CompletableFuture<Long> c : cuts) {
                long ms = c.get(CUT_WITHIN.plusSeconds(30).toSeconds(), TimeUnit.SECONDS);
                if (ms < 0) {
                    notCut++;
                } else {
                    cutMillis.add(ms);
                }
            }
            cutMillis.sort(null);
            Figures.of("3. slow-loris uploads (a byte every 0.5 s)").put("connections", slow)
                    .put("cut by the server", cutMillis.size()).put("still open after " + CUT_WITHIN.toSeconds() + " s", notCut)
                    .put("time to cut (ms, median / max)", cutMillis.isEmpty() ? "-" : cutMillis.get(cutMillis.size() / 2)
                            + " / " + cutMillis.getLast())
                    .put("ordinary job meanwhile", ordinary).put("health after", server.healthStatus()).report();

            assertThat(ordinary).as("a job submitted among the trickles: " + created.body()).isEqualTo("success");
            assertThat(notCut).as("trickling connections the server kept open past " + CUT_WITHIN).isZero();
            assertThat(server.healthStatus()).isEqualTo(200);
        }
    }

    /**
     * Sends the head of a 1 MB upload, then a byte every 500 ms until the server closes the connection
     * or answers; the milliseconds from {@code started} to that, or -1 if it was still open at the bound.
     */
    private static Long trickle(URI base, long started) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /v1/jobs HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=slow\r\nContent-Length: 1000000\r\n\r\n"
                    + "--slow\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long deadline = started + CUT_WITHIN.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    in.read(); // returns with an answer (a 408, say) or at the close: cut either way
                    return (System.nanoTime() - started) / 1_000_000;
                } catch (java.net.SocketTimeoutException quiet) {
                    // nothing from the server yet: send the next byte
                }
                try {
                    out.write('a');
                    out.flush();
                } catch (IOException closed) {
                    return (System.nanoTime() - started) / 1_000_000;
                }
            }
            return -1L;
        } catch (IOException e) {
            return (System.nanoTime() - started) / 1_000_000; // reset by the server
        }
    }
}
