package io.kiln.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Multipart;
import io.kiln.testing.ServerProcess;
import io.kiln.testing.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 2, a full disk: the server's {@code --data} on a small file system of its own (a tmpfs,
 * which needs root to mount; skipped otherwise), filled to the last few KiB while the server runs.
 * Uploads on every dialect answer 507 with {@code Retry-After} in that dialect's shape (never 500 or {@code malformed_body}),
 * the server stays healthy, and once space returns it serves again by itself, with no restart.
 */
@Tag("hardening")
class DiskFullTest {

    private static final Path PDF = UploadRoutes.largePdf();

    @TempDir
    Path dir;
    private Path mount;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void mountSmallFileSystem() throws Exception {
        mount = Files.createDirectories(dir.resolve("small"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=96m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        boolean mounted = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (needs root): "
                + new String(p.getInputStream().readAllBytes()).strip());
    }

    @AfterEach
    void unmount() throws Exception {
        new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }

    /** Fills the file system to its last {@code leave} bytes; returns the filler files. */
    private static List<Path> fill(Path on, long leave) throws IOException {
        List<Path> fillers = new ArrayList<>();
        FileStore store = Files.getFileStore(on);
        byte[] block = new byte[64 * 1024];
        for (int i = 0; store.getUsableSpace() > leave; i++) {
            Path f = on.resolve("filler-" + i);
            fillers.add(f);
            try (OutputStream out = Files.newOutputStream(f)) {
                while (store.getUsableSpace() > leave) {
                    out.write(block, 0, (int) Math.min(block.length, Math.max(1, store.getUsableSpace() - leave)));
                }
            } catch (IOException full) {
                break;
            }
        }
        return fillers;
    }

    /**
     * On a connection of its own: a server that refuses an upload before reading all of it closes the
     * connection after answering, and a pooled connection could meet that close as "no bytes".
     */
    private HttpResponse<String> upload(String base, String path, Multipart form) throws Exception {
        try (HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return own.send(form.into(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void uploadsToAFullDiskAre507InEachDialectsShapeAndServiceResumesWhenSpaceReturns() throws Exception {
        Path data = Files.createDirectories(mount.resolve("data"));
        try (ServerProcess server = ServerProcess.start(data)) {
            String base = server.base();
            JsonNode before = TestServer.JSON.readTree(upload(base, "/v1/jobs",
                    Multipart.form().file("file", PDF).field("to", "txt")).body());
            assertThat(before.path("id").asText()).as(before.toString()).isNotBlank();

            List<Path> fillers = fill(mount, 16 * 1024);

            java.util.Map<String, Integer> whileFull = new java.util.LinkedHashMap<>();
            for (UploadRoutes.Route route : UploadRoutes.all()) {
                RawHttp.Answer answer;
                try {
                    answer = RawHttp.Answer.of(upload(base, route.path(), route.valid().apply(PDF)));
                } catch (IOException e) {
                    throw new AssertionError(route + " gave no answer with a full disk: " + e.getMessage()
                            + "\n" + server.log().lines().skip(Math.max(0, server.log().lines().count() - 30))
                            .collect(java.util.stream.Collectors.joining("\n")), e);
                }
                whileFull.put(route.toString(), answer.status());
                assertThat(answer.status()).as(route + ": " + answer.body()).isEqualTo(507);
                assertThat(answer.header("retry-after")).as(route + ": Retry-After").isNotBlank();
                route.shaped().accept(answer);
                if (route.dialect().equals("native")) {
                    assertThat(UploadRoutes.json(answer).path("code").asText()).isEqualTo("storage_full");
                }
            }
            assertThat(server.healthStatus()).as("serving with a full disk").isEqualTo(200);

            for (Path f : fillers) {
                Files.delete(f);
            }
            long freed = System.nanoTime();

            // no restart: the next upload and the job accepted before the disk filled both complete
            Awaitility.await("a job submitted after space returned succeeds").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                        HttpResponse<String> r = upload(base, "/v1/jobs",
                                Multipart.form().file("file", PDF).field("to", "txt"));
                        if (r.statusCode() != 201 && r.statusCode() != 202 && r.statusCode() != 200) {
                            return false;
                        }
                        String id = TestServer.JSON.readTree(r.body()).path("id").asText();
                        return awaitStatus(base, id).equals("success");
                    });
            long resumedMillis = (System.nanoTime() - freed) / 1_000_000;
            String beforeStatus = awaitStatus(base, before.path("id").asText());
            Figures.of("2. --data on a full 96 MiB file system, one node (embedded)")
                    .put("uploads while full", whileFull)
                    .put("health while full", 200).put("space back to a job succeeding, no restart (ms)", resumedMillis)
                    .put("job accepted before the disk filled", beforeStatus).report();
            assertThat(beforeStatus).as("the job accepted before").isEqualTo("success");
        }
    }

    private String awaitStatus(String base, String id) throws Exception {
        JsonNode job = TestServer.JSON.readTree(http.send(HttpRequest.newBuilder(
                URI.create(base + "/v1/jobs/" + id + "?wait=60")).build(), HttpResponse.BodyHandlers.ofString()).body());
        return job.path("status").asText();
    }
}
