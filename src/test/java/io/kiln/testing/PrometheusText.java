package io.kiln.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@code /metrics} page as a scraper reads it: parsed by the Prometheus project's own Python
 * client ({@code prometheus_client.parser}, Debian's python3-prometheus-client), which refuses text
 * that breaks the exposition format. Families and samples come back as values to assert on.
 */
public final class PrometheusText {

    /** Prints each family as JSON; values as text, since NaN and +Inf are not JSON numbers. */
    private static final String PARSE = """
            import json, math, sys
            from prometheus_client.parser import text_string_to_metric_families
            def text(v):  # as Java's Double.parseDouble reads it
                v = float(v)
                return "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity") if math.isinf(v) else repr(v)
            out = []
            for f in text_string_to_metric_families(sys.stdin.read()):
                out.append({"name": f.name, "type": f.type, "samples": [
                    {"name": s.name, "labels": s.labels, "value": text(s.value)} for s in f.samples]})
            print(json.dumps(out))
            """;

    /** One sample: {@code name{labels} value}. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** One family: its name (a counter's without {@code _total}), type and samples. */
    public record Family(String name, String type, List<Sample> samples) {

        public List<Sample> samples(String sampleName, Map<String, String> labels) {
            return samples.stream().filter(s -> s.name().equals(sampleName)
                    && s.labels().entrySet().containsAll(labels.entrySet())).toList();
        }
    }

    private final List<Family> families;

    private PrometheusText(List<Family> families) {
        this.families = families;
    }

    /** Parses {@code text}; fails the test when the parser refuses it. */
    public static PrometheusText parse(String text) {
        try {
            Path in = Files.createTempFile("metrics", ".txt");
            Path out = Files.createTempFile("metrics", ".json");
            Path err = Files.createTempFile("metrics", ".err");
            Files.writeString(in, text, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", PARSE).redirectInput(in.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the Prometheus parser did not finish");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("the Prometheus parser refused /metrics: " + Files.readString(err));
            }
            List<Family> families = new ArrayList<>();
            for (JsonNode f : new ObjectMapper().readTree(out.toFile())) {
                List<Sample> samples = new ArrayList<>();
                for (JsonNode s : f.path("samples")) {
                    Map<String, String> labels = new java.util.TreeMap<>();
                    s.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                    samples.add(new Sample(s.path("name").asText(), labels, Double.parseDouble(s.path("value").asText())));
                }
                families.add(new Family(f.path("name").asText(), f.path("type").asText(), samples));
            }
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return new PrometheusText(families);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Optional<Family> family(String name) {
        return families.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return families.stream().map(Family::name).toList();
    }
}
