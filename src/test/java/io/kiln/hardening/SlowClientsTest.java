package io.kiln.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.ServerProcess;
import io.kiln.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 3, load shapes: slow-loris clients that send a byte every half second, never going idle
 * (50 quick, 500 full): half announce a large multipart upload and trickle its body, half trickle
 * the request head itself. The server cuts each one within a bound, and meanwhile an ordinary job is
 * accepted and converted: uploads never hold a worker, and a trickle cannot hold a connection for ever.
 */
@Tag("hardening")
class SlowClientsTest {

    /** What the server is given to notice a trickle: its minimum rate is judged over a few seconds. */
    private static final Duration CUT_WITHIN = Duration.ofSeconds(45);
    /**
     * For a reader: the server gives each blocked write of the answer a time by its size (32 s for
     * 32 KiB), and the reader only sees the reset once it has drained what its own window held (8 KiB:
     * 16 s at its pace).
     */
    private static final Duration READ_CUT_WITHIN = Duration.ofSeconds(75);

    @Test
    void trickledUploadsAreCutWithinABoundAndOrdinaryJobsCarryOn(@TempDir Path dir) throws Exception {
        int slow = Scale.pick(50, 500);
        try (ServerProcess server = ServerProcess.start(dir.resolve("data"), "--workers", "2",
                "--office-processes", "0", "--browsers", "0")) {
            URI base = URI.create(server.base());
            List<CompletableFuture<Cut>> cuts = new ArrayList<>();
            List<UploadRoutes.Route> routes = UploadRoutes.all(); // the bodies go to every dialect's upload
            long started = System.nanoTime();
            for (int i = 0; i < slow; i++) {
                boolean head = i % 2 == 1;
                UploadRoutes.Route route = routes.get(i / 2 % routes.size());
                cuts.add(CompletableFuture.supplyAsync(() -> trickle(base, route.path(), started, head),
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

            List<List<Long>> cutMillis = List.of(new ArrayList<>(), new ArrayList<>()); // body, head
            List<Map<String, Integer>> answers = List.of(new TreeMap<>(), new TreeMap<>());
            int notCut = 0;
            for (int i = 0; i < cuts.size(); i++) {
                Cut cut = cuts.get(i).get(CUT_WITHIN.plusSeconds(30).toSeconds(), TimeUnit.SECONDS);
                answers.get(i % 2).merge(cut.outcome(), 1, Integer::sum);
                if (i % 2 == 0 && cut.answer() != null) {
                    routes.get(i / 2 % routes.size()).shaped().accept(cut.answer()); // the dialect's own error shape
                }
                if (cut == Cut.STILL_OPEN) {
                    notCut++;
                } else {
                    cutMillis.get(i % 2).add(cut.millis());
                }
            }
            Figures.of("3. slow-loris clients (a byte every 0.5 s; half the body, half the head)").put("connections", slow)
                    .put("cut by the server", cutMillis.get(0).size() + cutMillis.get(1).size())
                    .put("still open after " + CUT_WITHIN.toSeconds() + " s", notCut)
                    .put("time to cut a body (ms, median / max)", medianAndMax(cutMillis.get(0)))
                    .put("bodies answered", answers.get(0))
                    .put("time to cut a head (ms, median / max)", medianAndMax(cutMillis.get(1)))
                    .put("heads answered", answers.get(1))
                    .put("ordinary job meanwhile", ordinary).put("health after", server.healthStatus()).report();

            assertThat(ordinary).as("a job submitted among the trickles: " + created.body()).isEqualTo("success");
            assertThat(notCut).as("trickling connections the server kept open past " + CUT_WITHIN).isZero();
            // a body cut mid-upload is told why, as the 408 every client library understands
            assertThat(answers.get(0)).as("how trickled uploads were answered").containsOnlyKeys("408");
            assertThat(server.healthStatus()).isEqualTo(200);
        }
    }

    /**
     * Slow readers: clients that fetch a 2.6 MB document and take 256 bytes of it every half second
     * through a small receive window (20 quick, 200 full). The server cuts each one within a bound —
     * a stalled reader must not hold a connection, a stored file or megabytes of kernel buffer for
     * hours — while an ordinary download of the same file gets every byte meanwhile.
     */
    @Test
    void slowReadersAreCutWithinABoundAndOrdinaryDownloadsCarryOn(@TempDir Path dir) throws Exception {
        slowReaders(dir, "local disk", Scale.pick(20, 200), List.of());
    }

    /**
     * The same on S3 storage, with more slow readers than the S3 client has connections (50): each
     * reader's download holds one while its write is blocked, and an ordinary download and upload
     * must still get theirs.
     */
    @Test
    void slowReadersOfS3StoredFilesDoNotStarveOtherStorageCalls(@TempDir Path dir) throws Exception {
        io.kiln.testing.S3Server s3 = io.kiln.testing.S3Server.server();
        slowReaders(dir, "S3", Scale.pick(80, 200), s3.serveFlags(s3.freshBucket()));
    }

    private static void slowReaders(Path dir, String storage, int slow, List<String> storageFlags) throws Exception {
        Path document = Corpus.file("pdf/freeculture.pdf");
        List<String> flags = new ArrayList<>(List.of("--workers", "1", "--office-processes", "0", "--browsers", "0"));
        flags.addAll(storageFlags);
        try (ServerProcess server = ServerProcess.start(dir.resolve("data"), flags.toArray(String[]::new))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> stored = http.send(Multipart.form().file("file", document)
                    .into(HttpRequest.newBuilder(URI.create(server.base() + "/v1/files"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
            URI link = URI.create(TestServer.JSON.readTree(stored.body()).path("url").asText());

            long started = System.nanoTime();
            var readers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
            List<CompletableFuture<Cut>> cuts = new ArrayList<>();
            for (int i = 0; i < slow; i++) {
                cuts.add(CompletableFuture.supplyAsync(() -> readSlowly(link, started), readers));
            }
            Workload.pauseQuietly(2000); // the readers are under way
            long before = System.nanoTime();
            HttpResponse<byte[]> ordinary = http.send(HttpRequest.newBuilder(link).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            long ordinaryMillis = (System.nanoTime() - before) / 1_000_000;
            before = System.nanoTime();
            HttpResponse<String> upload = http.send(Multipart.form().file("file", UploadRoutes.largePdf())
                    .into(HttpRequest.newBuilder(URI.create(server.base() + "/v1/files"))).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long uploadMillis = (System.nanoTime() - before) / 1_000_000;

            List<Long> cutMillis = new ArrayList<>();
            int notCut = 0;
            for (CompletableFuture<Cut> c : cuts) {
                Cut cut = c.get(READ_CUT_WITHIN.plusSeconds(30).toSeconds(), TimeUnit.SECONDS);
                if (cut == Cut.STILL_OPEN) {
                    notCut++;
                } else {
                    cutMillis.add(cut.millis());
                }
            }
            Figures.of("3. slow readers (256 bytes every 0.5 s of a 2.6 MB download), " + storage).put("connections", slow)
                    .put("cut by the server", cutMillis.size()).put("still open after " + READ_CUT_WITHIN.toSeconds() + " s", notCut)
                    .put("time to cut, as the reader sees it (ms, median / max)", medianAndMax(cutMillis))
                    .put("ordinary download meanwhile (ms)", ordinaryMillis)
                    .put("upload meanwhile", upload.statusCode() + " in " + uploadMillis + " ms")
                    .put("health after", server.healthStatus()).report();

            assertThat(ordinary.statusCode()).isEqualTo(200);
            assertThat(upload.statusCode()).as("an upload among the slow readers: " + upload.body()).isEqualTo(201);
            assertThat(ordinary.body()).as("the ordinary download, byte for byte").isEqualTo(java.nio.file.Files.readAllBytes(document));
            assertThat(notCut).as("slow readers the server kept past " + READ_CUT_WITHIN).isZero();
            assertThat(server.healthStatus()).isEqualTo(200);
        }
    }

    /** GETs {@code link} through a 4 KiB receive window, reading 256 bytes every 500 ms until the server closes. */
    private static Cut readSlowly(URI link, long started) {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096); // before connecting, so the window stays small
            socket.connect(new java.net.InetSocketAddress(link.getHost(), link.getPort()));
            socket.getOutputStream().write(("GET " + link.getRawPath() + "?" + link.getRawQuery() + " HTTP/1.1\r\nHost: "
                    + link.getHost() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] sip = new byte[256];
            long deadline = started + READ_CUT_WITHIN.toNanos();
            while (System.nanoTime() < deadline) {
                if (in.read(sip) < 0) {
                    return new Cut((System.nanoTime() - started) / 1_000_000, null);
                }
                Workload.pauseQuietly(500); // the reader's pace: this is the load, not a wait for a condition
            }
            return Cut.STILL_OPEN;
        } catch (IOException e) {
            return new Cut((System.nanoTime() - started) / 1_000_000, null); // reset by the server
        }
    }

    private static String medianAndMax(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return sorted.isEmpty() ? "-" : sorted.get(sorted.size() / 2) + " / " + sorted.getLast();
    }

    /** How a trickle ended: when, counted from the start of the scenario, and the answer (null: closed unanswered). */
    private record Cut(long millis, RawHttp.Answer answer) {
        static final Cut STILL_OPEN = new Cut(-1, null);

        String outcome() {
            return this == STILL_OPEN ? "still open" : answer == null ? "closed" : Integer.toString(answer.status());
        }
    }

    /**
     * Sends the head of a 1 MB upload to {@code path} (or, with {@code head}, only its first line and
     * the start of a header), then a byte every 500 ms until the server closes the connection or answers.
     */
    private static Cut trickle(URI base, String path, long started, boolean head) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            PushbackInputStream in = new PushbackInputStream(socket.getInputStream());
            String start = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n";
            out.write((head ? start + "X-Trickle: " : start
                    + "Content-Type: multipart/form-data; boundary=slow\r\nContent-Length: 1000000\r\n\r\n"
                    + "--slow\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long deadline = started + CUT_WITHIN.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    int first = in.read();
                    long at = (System.nanoTime() - started) / 1_000_000;
                    if (first < 0) {
                        return new Cut(at, null);
                    }
                    in.unread(first);
                    socket.setSoTimeout(10_000);
                    return new Cut(at, RawHttp.read(in));
                } catch (java.net.SocketTimeoutException quiet) {
                    // nothing from the server yet: send the next byte
                }
                try {
                    out.write('a');
                    out.flush();
                } catch (IOException closed) {
                    return new Cut((System.nanoTime() - started) / 1_000_000, null);
                }
            }
            return Cut.STILL_OPEN;
        } catch (IOException e) {
            return new Cut((System.nanoTime() - started) / 1_000_000, null); // reset by the server
        }
    }
}
