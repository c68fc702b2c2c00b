package io.kiln.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.StubDns;
import io.kiln.testing.TestServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 4, no way out, against DNS rebinding: names whose answers change between lookups (a DNS
 * stub, {@code testing/StubDns}) — first an allowed address (127.0.0.2, which the server
 * allow-lists), then the canary's (127.0.0.1 or ::1, the same port) — given to every entry point
 * that fetches: URL inputs of each dialect, a redirect, a webhook, and a page printed by Chromium
 * whose images, frames and scripts come from another such name. Kiln must connect only to an
 * address it checked: the canary never hears a request, and each try ends in success (it reached
 * the allowed server) or {@code url_forbidden}, never an internal error.
 */
@Tag("hardening")
class DnsRebindingTest {

    /** How a name's answers change, lookup after lookup. */
    record Pattern(String name, List<List<InetAddress>> answers) {
    }

    /** One way a fetched URL enters Kiln: sends a request naming {@code host} and returns the answer. */
    record Entry(String what, Function<String, HttpResponse<String>> send) {
    }

    @Test
    void aNameThatChangesItsAnswerNeverLeadsToTheCanary() throws Exception {
        assertThat(StubDns.installed()).as("the JDK resolves through the stub").isTrue();
        InetAddress allowedAddress = InetAddress.getByName("127.0.0.2");
        InetAddress canary4 = InetAddress.getByName("127.0.0.1");
        InetAddress canary6 = InetAddress.getByName("::1");
        List<String> hits = new CopyOnWriteArrayList<>();
        HttpServer canary = HttpServer.create(new InetSocketAddress(canary4, 0), 0);
        int port = canary.getAddress().getPort();
        HttpServer canaryV6 = HttpServer.create(new InetSocketAddress(canary6, port), 0);
        HttpServer allowed = HttpServer.create(new InetSocketAddress(allowedAddress, port), 0);
        for (HttpServer c : List.of(canary, canaryV6)) {
            c.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            c.createContext("/", exchange -> {
                hits.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Host")
                        + exchange.getRequestURI());
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            c.start();
        }
        byte[] pdf = Files.readAllBytes(Corpus.file("pdf/minimal-document.pdf"));
        allowed.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        allowed.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery();
            byte[] body = new byte[0];
            if (path.equals("/doc.pdf")) {
                body = pdf;
                exchange.getResponseHeaders().add("Content-Type", "application/pdf");
            } else if (path.equals("/page")) {
                body = page(query, port).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            } else if (path.equals("/redirect")) {
                exchange.getResponseHeaders().add("Location", "http://" + query + ":" + port + "/doc.pdf");
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        allowed.start();

        List<Pattern> patterns = List.of(
                new Pattern("a-then-c", List.of(List.of(allowedAddress), List.of(canary4))),
                new Pattern("aa-then-c", List.of(List.of(allowedAddress), List.of(allowedAddress), List.of(canary4))),
                new Pattern("aaa-then-c", List.of(List.of(allowedAddress), List.of(allowedAddress), List.of(allowedAddress),
                        List.of(canary4))),
                new Pattern("a-then-c6", List.of(List.of(allowedAddress), List.of(canary6))),
                new Pattern("both-at-once", List.of(List.of(allowedAddress, canary4))),
                new Pattern("c-then-a", List.of(List.of(canary4), List.of(allowedAddress))));
        String pdfPath = Corpus.file("pdf/minimal-document.pdf").toString();
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        Map<String, Integer> lookups = new LinkedHashMap<>();
        int tries = 0;
        try (TestServer server = TestServer.start("--allow-hosts", "127.0.0.2", "--browsers", "1")) {
            String p = ":" + port;
            List<Entry> entries = List.of(
                    new Entry("native-url", h -> server.postJson("/v1/jobs",
                            "{\"url\":\"http://" + h + p + "/doc.pdf\",\"to\":\"txt\"}")),
                    new Entry("native-redirect", h -> server.postJson("/v1/jobs",
                            "{\"url\":\"http://127.0.0.2" + p + "/redirect?" + h + "\",\"to\":\"txt\"}")),
                    new Entry("native-webhook", h -> server.postMultipart("/v1/jobs", Multipart.form()
                            .file("file", java.nio.file.Path.of(pdfPath)).field("to", "txt").field("webhook", "http://" + h + p + "/hook"))),
                    new Entry("native-page", h -> server.postJson("/v1/jobs",
                            "{\"url\":\"http://" + h + p + "/page?sub-" + h + "\",\"to\":\"pdf\"}")),
                    new Entry("convertapi-web", h -> server.postJson("/async/convert/web/to/pdf",
                            "{\"Parameters\":[{\"Name\":\"Url\",\"Value\":\"http://" + h + p + "/page?sub-" + h + "\"}]}")),
                    new Entry("pdfco-file-url", h -> server.postJson("/v1/pdf/convert/to/text",
                            "{\"url\":\"http://" + h + p + "/doc.pdf\",\"async\":true}")),
                    new Entry("pdfrest-source", h -> server.postJson("/convert",
                            "{\"source\":\"http://" + h + p + "/doc.pdf\",\"format\":\"txt\"}")));
            Map<String, String> jobs = new LinkedHashMap<>(); // job id -> what was tried
            for (Entry e : entries) {
                for (Pattern pattern : patterns) {
                    String host = e.what() + "-" + pattern.name() + StubDns.SUFFIX;
                    @SuppressWarnings("unchecked")
                    List<InetAddress>[] answers = pattern.answers().toArray(List[]::new);
                    StubDns.script(host, answers);
                    StubDns.script("sub-" + host, answers);
                    tries++;
                    HttpResponse<String> r = e.send().apply(host);
                    JsonNode body = TestServer.JSON.readTree(r.body());
                    String id = body.path("id").asText(body.path("jobId").asText(body.path("JobId").asText()));
                    if (r.statusCode() / 100 == 2 && !id.isBlank()) {
                        jobs.put(id, host);
                    } else {
                        String code = body.path("code").asText(body.path("Code").asText(String.valueOf(r.statusCode())));
                        outcomes.merge(code, 1, Integer::sum);
                        if (r.statusCode() >= 500) {
                            wrong.add(host + ": " + r.statusCode() + " " + r.body());
                        }
                    }
                }
            }
            for (var j : jobs.entrySet()) {
                Awaitility.await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() -> {
                    JsonNode job = TestServer.JSON.readTree(server.get("/v1/jobs/" + j.getKey()).body());
                    JsonNode hook = job.path("webhook");
                    return Workload.isEnd(job.path("status").asText())
                            && (hook.isMissingNode() || !hook.path("attempts").isEmpty());
                });
                JsonNode job = TestServer.JSON.readTree(server.get("/v1/jobs/" + j.getKey()).body());
                String outcome = job.path("status").asText().equals("success") ? "success" : job.path("error").path("code").asText();
                outcomes.merge(outcome, 1, Integer::sum);
                if (!outcome.equals("success") && !outcome.equals("url_forbidden")) {
                    wrong.add(j.getValue() + ": " + job);
                }
            }
            for (Entry e : entries) {
                for (Pattern pattern : patterns) {
                    String host = e.what() + "-" + pattern.name() + StubDns.SUFFIX;
                    lookups.merge(e.what(), StubDns.answered(host).size() + StubDns.answered("sub-" + host).size(), Integer::sum);
                }
            }
            Figures.of("4. SSRF sweep: DNS answers that change between lookups").put("tries", tries)
                    .put("patterns", patterns.size()).put("lookups by entry point", lookups).put("outcomes", outcomes)
                    .put("canary hits", hits.size()).report();
            assertThat(hits).as("requests that reached the canary").isEmpty();
            assertThat(wrong).as("tries that ended in an internal error or an unclear failure").isEmpty();
            assertThat(outcomes.getOrDefault("success", 0)).as("tries that reached the allowed server").isPositive();
            assertThat(server.get("/health").statusCode()).isEqualTo(200);
        } finally {
            canary.stop(0);
            canaryV6.stop(0);
            allowed.stop(0);
        }
    }

    /** A page whose sub-resources all come from the name {@code sub} (scripted like the page's own). */
    private static String page(String sub, int port) {
        String c = "http://" + sub + ":" + port;
        return "<!doctype html><html><head><link rel=stylesheet href='" + c + "/css'><script src='" + c + "/script'></script>"
                + "</head><body><p>rebinding</p><img src='" + c + "/img'><iframe src='" + c + "/iframe'></iframe>"
                + "<script>fetch('" + c + "/fetch').catch(()=>{});setTimeout(()=>{new Image().src='" + c + "/late'},200);"
                + "</script></body></html>";
    }
}
