package io.kiln.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Dockerfile and compose.yaml hold what a deployment relies on (issue 16): a slim Debian runtime with a
 * Java runtime, the engines' programs and fonts, a non-root user, a data volume and a health check; two
 * Kiln nodes sharing one PostgreSQL and one bucket. Read here, not built: CI has no image builder.
 */
class ContainerFilesTest {

    private static final Path ROOT = Path.of("");

    @Test
    void theImageIsBuiltInOneStageAndRunsOnSlimDebianInAnother() throws IOException {
        Dockerfile file = Dockerfile.read(ROOT.resolve("Dockerfile"));
        assertThat(file.stages()).hasSizeGreaterThanOrEqualTo(2);
        Dockerfile.Stage build = file.stages().getFirst();
        assertThat(build.name()).isNotEmpty();
        assertThat(String.join("\n", build.arguments("RUN"))).contains("mvn").contains("package").contains("jlink");
        Dockerfile.Stage runtime = file.last();
        assertThat(runtime.base()).isEqualTo("debian:bookworm-slim");
        assertThat(runtime.arguments("COPY")).contains("--from=" + build.name() + " /jre /opt/java")
                .anyMatch(c -> c.startsWith("--from=" + build.name() + " /dist /opt/kiln"));
        assertThat(env(runtime)).containsEntry("JAVA_HOME", "/opt/java").containsEntry("KILN_BIND", "0.0.0.0")
                .containsEntry("KILN_DATA", "/data");
        assertThat(runtime.arguments("ENTRYPOINT")).singleElement().asString().contains("/opt/kiln/bin/kiln");
        // the wrapper without Chromium's sandbox keeps the name by which Kiln knows a headless shell
        assertThat(env(runtime).get("KILN_CHROMIUM")).endsWith("/chromium-headless-shell");
        assertThat(String.join("\n", runtime.arguments("RUN"))).contains("--no-sandbox")
                .contains("> " + env(runtime).get("KILN_CHROMIUM"));
    }

    @Test
    void theRuntimeHasEveryEnginePackageTheLauncherInstalls() throws IOException {
        List<String> packages = Dockerfile.read(ROOT.resolve("Dockerfile")).last().aptPackages();
        assertThat(packages).containsAll(launcherEnginePackages())
                .contains("libreoffice-writer", "libreoffice-calc", "libreoffice-impress", "chromium-headless-shell",
                        "tesseract-ocr", "tesseract-ocr-eng", "fonts-noto-core", "fonts-noto-cjk")
                .noneMatch(p -> p.endsWith("-nogui"));
    }

    @Test
    void itRunsAsAnUnprivilegedUserWithADataVolumeAndAReadinessCheck() throws IOException {
        Dockerfile.Stage runtime = Dockerfile.read(ROOT.resolve("Dockerfile")).last();
        assertThat(runtime.arguments("USER")).singleElement().isNotIn("root", "0", "0:0");
        assertThat(runtime.arguments("VOLUME")).containsExactly("/data");
        assertThat(runtime.arguments("EXPOSE")).containsExactly("8080");
        assertThat(runtime.arguments("HEALTHCHECK")).singleElement().asString()
                .contains("CMD").contains("http://127.0.0.1:8080/ready");
    }

    @Test
    void composeRunsTwoKilnNodesOnOneDatabaseAndOneBucket() throws IOException {
        Map<String, Map<String, Object>> services = services();
        List<String> nodes = services.keySet().stream().filter(n -> n.startsWith("kiln-")).toList();
        assertThat(nodes).hasSize(2);
        String postgres = serviceByImage(services, "postgres:");
        String s3 = serviceByImage(services, "minio/minio");
        Map<String, String> first = environment(services.get(nodes.getFirst()));
        for (String node : nodes) {
            Map<String, Object> service = services.get(node);
            Map<String, String> env = environment(service);
            assertThat(service).containsKey("build");
            assertThat(env).as(node).containsEntry("KILN_DB_URL", first.get("KILN_DB_URL"))
                    .containsEntry("KILN_STORAGE", first.get("KILN_STORAGE"))
                    .containsEntry("KILN_S3_ENDPOINT", first.get("KILN_S3_ENDPOINT"))
                    .containsKeys("KILN_S3_ACCESS_KEY", "KILN_S3_SECRET_KEY", "KILN_KEYS_FILE");
            assertThat(map(service.get("depends_on"))).containsKey(postgres);
            assertThat(map(map(service.get("depends_on")).get(postgres))).containsEntry("condition", "service_healthy");
            assertThat(map(service.get("healthcheck")).get("test").toString()).contains("/ready");
        }
        assertThat(first.get("KILN_DB_URL")).startsWith("jdbc:postgresql://" + postgres + ":5432/");
        assertThat(URI.create(first.get("KILN_S3_ENDPOINT")).getHost()).isEqualTo(s3);
        assertThat(first.get("KILN_STORAGE")).isEqualTo("s3://kiln");
        assertThat(services.values().stream().map(s -> String.valueOf(s.get("entrypoint"))))
                .as("a service makes the bucket").anyMatch(e -> e.contains("mc mb") && e.contains("/kiln"));
        assertThat(map(services.get(postgres).get("healthcheck"))).containsKey("test");
        assertThat(map(services.get(s3).get("healthcheck"))).containsKey("test");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("compose.yaml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    private static String serviceByImage(Map<String, Map<String, Object>> services, String image) {
        return services.entrySet().stream().filter(e -> String.valueOf(e.getValue().get("image")).startsWith(image))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no service runs " + image));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        assertThat(yaml).isInstanceOf(Map.class);
        return (Map<String, Object>) yaml;
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        map(service.get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    /** ENV lines as key=value pairs. */
    private static Map<String, String> env(Dockerfile.Stage stage) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        for (String line : stage.arguments("ENV")) {
            for (String pair : line.trim().split("\\s+")) {
                String[] kv = pair.split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return env;
    }

    /** ENGINE_PACKAGES=(…) in ./kiln: what a developer's machine gets installed. */
    private static List<String> launcherEnginePackages() throws IOException {
        Matcher m = Pattern.compile("ENGINE_PACKAGES=\\(([^)]*)\\)").matcher(Files.readString(ROOT.resolve("kiln")));
        assertThat(m.find()).as("./kiln defines ENGINE_PACKAGES").isTrue();
        return List.of(m.group(1).trim().split("\\s+"));
    }
}
