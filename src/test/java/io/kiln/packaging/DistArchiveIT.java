package io.kiln.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kiln.testing.Multipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive {@code package} made, as an operator gets it: unpacked in a fresh directory and run by its
 * own launcher with nothing but a Java runtime and a shell's basic tools on the PATH (no Maven, no
 * project checkout), serving on a free port and converting a PDF to text.
 */
class DistArchiveIT {

    /** What bin/kiln may use: a shell and the few tools it calls. No mvn, no javac on this PATH. */
    private static final List<String> SHELL_TOOLS = List.of("bash", "dirname", "readlink", "awk", "ls", "sed");

    /** Jars only the tests use; none may ship. */
    private static final List<String> TEST_ONLY = List.of("junit", "assertj", "s3proxy", "convertapi", "awaitility",
            "mockwebserver", "okhttp", "opentest4j", "fastexcel-reader", "snakeyaml", "jclouds",
            "prometheus-metrics-exporter-httpserver", "surefire");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    /** The links to the shell tools go first, so JUnit's clean-up of the temp dir meets none. */
    @AfterEach
    void removeToolLinks() throws IOException {
        for (String tool : SHELL_TOOLS) {
            Files.deleteIfExists(dir.resolve("tools").resolve(tool));
        }
    }

    @Test
    void theArchiveServesAndConvertsWithOnlyAJavaRuntime() throws Exception {
        Path home = unpack();
        List<String> jars = jarNames(home.resolve("lib"));
        assertThat(jars).anyMatch(j -> j.matches("kiln-.*\\.jar"));
        assertThat(jars).anyMatch(j -> j.startsWith("javalin-")).anyMatch(j -> j.startsWith("pdfbox-"));
        for (String testOnly : TEST_ONLY) {
            assertThat(jars).as("no test-scoped jar in lib/").noneMatch(j -> j.startsWith(testOnly));
        }
        // the same jars ./kiln serve runs with (copy-dependencies' runtime scope): the two resolutions agree
        assertThat(jars).filteredOn(j -> !j.matches("kiln-.*\\.jar"))
                .containsExactlyElementsOf(jarNames(Path.of(System.getProperty("kiln.runtime.lib"))));
        assertThat(jars).as("one version of each Prometheus client module")
                .filteredOn(j -> j.startsWith("prometheus-metrics-")).allMatch(j -> j.endsWith("-1.7.0.jar"));

        Path tools = shellTools();
        Path java = Path.of(System.getProperty("java.home"), "bin");
        // java found on the PATH, no JAVA_HOME
        int port = freePort();
        Path data = Files.createDirectories(dir.resolve("data"));
        Path log = dir.resolve("serve.log");
        Process serve = launcher(home, Map.of("PATH", tools + ":" + java), log,
                "serve", "--port", Integer.toString(port), "--data", data.toString(),
                "--office-processes", "0", "--browsers", "0");
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            awaitHealthy(base, serve, log);

            HttpResponse<String> job = http.send(Multipart.form().file("file", "hello.pdf", helloPdf())
                    .field("to", "txt").into(HttpRequest.newBuilder(base.resolve("/v1/jobs")))
                    .header("Prefer", "wait=30").timeout(Duration.ofSeconds(40)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(job.statusCode()).as(job.body()).isEqualTo(200);
            JsonNode done = new ObjectMapper().readTree(job.body());
            assertThat(done.path("status").asText()).isEqualTo("success");
            HttpResponse<String> text = http.send(HttpRequest.newBuilder(
                    base.resolve("/v1/jobs/" + done.path("id").asText() + "/output")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(text.statusCode()).isEqualTo(200);
            assertThat(text.body()).contains("Shipped in one archive");
        } finally {
            serve.destroy(); // SIGTERM: the launcher exec'd java, which stops cleanly
            if (!serve.waitFor(30, TimeUnit.SECONDS)) {
                serve.destroyForcibly().waitFor();
            }
        }

        // JAVA_HOME alone, and no java on the PATH
        Path out = dir.resolve("version.log");
        Process version = launcher(home, Map.of("PATH", tools.toString(),
                "JAVA_HOME", System.getProperty("java.home")), out, "version");
        assertThat(version.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(version.exitValue()).as(Files.readString(out)).isZero();
        assertThat(Files.readString(out).strip()).isEqualTo(System.getProperty("kiln.dist.name").substring(5));

        // neither: a clear refusal
        Process none = launcher(home, Map.of("PATH", tools.toString()), out, "serve");
        assertThat(none.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(none.exitValue()).isNotZero();
        assertThat(Files.readString(out)).contains("no java found");
    }

    private Path unpack() throws Exception {
        Path archive = Path.of(System.getProperty("kiln.dist.archive"));
        assertThat(archive).as("package makes the archive").isRegularFile();
        Path into = Files.createDirectories(dir.resolve("opt"));
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", into.toString())
                .redirectErrorStream(true).start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as(new String(tar.getInputStream().readAllBytes())).isZero();
        Path home = into.resolve(System.getProperty("kiln.dist.name"));
        assertThat(home.resolve("bin/kiln")).isExecutable();
        return home;
    }

    /** A directory of links to the shell tools, to be the launcher's whole PATH (with java's bin, or not). */
    private Path shellTools() throws Exception {
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : SHELL_TOOLS) {
            Path real = Stream.of("/usr/bin", "/bin").map(d -> Path.of(d, tool)).filter(Files::isExecutable)
                    .findFirst().orElseThrow(() -> new AssertionError(tool + " not found in /usr/bin or /bin"));
            Files.createSymbolicLink(tools.resolve(tool), real);
        }
        assertThat(tools.resolve("mvn")).doesNotExist();
        return tools;
    }

    private Process launcher(Path home, Map<String, String> env, Path log, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/kiln").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("KILN_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m");
        return pb.start();
    }

    private void awaitHealthy(URI base, Process serve, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            assertThat(serve.isAlive()).as("bin/kiln serve exited:\n" + Files.readString(log)).isTrue();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("bin/kiln serve did not answer /health 200 within 60 s:\n" + Files.readString(log));
    }

    private Path helloPdf() throws IOException {
        Path pdf = dir.resolve("hello.pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                content.newLineAtOffset(72, 700);
                content.showText("Shipped in one archive");
                content.endText();
            }
            doc.save(pdf.toFile());
        }
        return pdf;
    }

    private static List<String> jarNames(Path lib) throws IOException {
        try (Stream<Path> files = Files.list(lib)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
