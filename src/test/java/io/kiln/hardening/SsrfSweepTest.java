package io.kiln.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 4, no way out: a canary listening on every local address, and every way a URL enters
 * Kiln — URL inputs and webhooks of every dialect; a page that is allowed (on 127.0.0.2, which the
 * server allow-lists) but redirects to the canary or pulls images, frames, styles, scripts and SVG
 * from it; an uploaded HTML document that does the same — with every spelling of a loopback address
 * and of {@code file:}. The canary must never be reached, no try may end in an internal error, and
 * the hostile pages still print (their sub-resources refused).
 */
@Tag("hardening")
class SsrfSweepTest {

    @Test
    void noUrlInAnyFormOrEntryPointReachesTheCanary(@TempDir Path dir) throws Exception {
        LoopbackCanary canary = new LoopbackCanary(200);
        List<String> hits = canary.hits();
        int port = canary.port();
        String loop = "127.0.0.1:" + port;
        // the canary hears what reaches it on IPv4 and IPv6 loopback alike
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            for (String self : List.of("http://" + loop + "/self", "http://[::1]:" + port + "/self")) {
                http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(self)).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        }
        assertThat(hits).as("the canary's own check").hasSize(2);
        hits.clear();
        // an allowed origin (127.0.0.2) whose pages try to reach the canary
        HttpServer allowed = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        allowed.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        String hostile = hostilePage(port);
        allowed.createContext("/page", exchange -> {
            byte[] body = hostile.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        allowed.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://" + loop + "/redirected");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        for (var nav : navigations(loop).entrySet()) {
            allowed.createContext("/" + nav.getKey(), exchange -> {
                byte[] body = nav.getValue().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
        }
        allowed.start();
        String allowedBase = "http://127.0.0.2:" + allowed.getAddress().getPort();

        List<String> forms = List.of("http://" + loop + "/", "http://127.1:" + port + "/", "http://2130706433:" + port + "/",
                "http://0x7f.1:" + port + "/", "http://0x7f000001:" + port + "/", "http://0177.0.0.1:" + port + "/",
                "http://[::1]:" + port + "/", "http://[::ffff:127.0.0.1]:" + port + "/", "http://0.0.0.0:" + port + "/",
                "http://localhost:" + port + "/", "http://localhost.:" + port + "/", "http://foo.localhost:" + port + "/",
                "HTTP://127.0.0.1:" + port + "/", "http://127.0.0.1.nip.io:" + port + "/", "file:///etc/passwd",
                "FILE:///etc/passwd", "fIlE:/etc/hostname", allowedBase + "/redirect");
        Path html = Files.writeString(dir.resolve("hostile.html"), hostile);
        Path pdf = io.kiln.testing.Corpus.file("pdf/minimal-document.pdf");

        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> fiveHundreds = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        int tries = 0;
        try (TestServer server = TestServer.start("--allow-hosts", "127.0.0.2", "--browsers", "1")) {
            List<Entry> entries = List.of(
                    new Entry("native url input", u -> server.postJson("/v1/jobs", "{\"url\":\"" + u + "\",\"to\":\"pdf\"}")),
                    new Entry("native webhook", u -> server.postMultipart("/v1/jobs", Multipart.form()
                            .file("file", pdf).field("to", "txt").field("webhook", u))),
                    new Entry("ConvertAPI web to pdf", u -> server.postJson("/convert/web/to/pdf",
                            "{\"Parameters\":[{\"Name\":\"Url\",\"Value\":\"" + u + "\"}]}")),
                    new Entry("ConvertAPI file by url", u -> server.postJson("/convert/pdf/to/txt",
                            "{\"Parameters\":[{\"Name\":\"File\",\"FileValue\":{\"Url\":\"" + u + "\"}}]}")),
                    new Entry("ConvertAPI webhook", u -> server.postMultipart("/async/convert/pdf/to/txt?WebHook=" + u,
                            Multipart.form().file("File", pdf))),
                    new Entry("PDF.co from url", u -> server.postJson("/v1/pdf/convert/from/url", "{\"url\":\"" + u + "\"}")),
                    new Entry("PDF.co file url", u -> server.postJson("/v1/pdf/convert/to/text", "{\"url\":\"" + u + "\"}")),
                    new Entry("PDF.co callback", u -> server.postJson("/v1/pdf/convert/from/html",
                            "{\"html\":\"<p>hi</p>\",\"async\":true,\"callback\":\"" + u + "\"}")),
                    new Entry("pdfRest source", u -> server.postJson("/convert", "{\"source\":\"" + u + "\",\"format\":\"pdf\"}")));
            for (Entry e : entries) {
                for (String form : forms) {
                    tries++;
                    HttpResponse<String> r = e.send().apply(form);
                    statuses.merge(r.statusCode(), 1, Integer::sum);
                    // ConvertAPI answers a failed synchronous conversion 5xx by its protocol, with the code
                    // saying why: only an internal error (or a test asking for a disabled engine) is wrong
                    if (r.statusCode() >= 500 && (r.body().contains("internal") || r.statusCode() == 501)) {
                        fiveHundreds.add(e.what() + " " + form + ": " + r.statusCode() + " " + r.body());
                    } else if (r.statusCode() / 100 == 2) {
                        accepted.add(r.body());
                    }
                }
            }
            // pages that are allowed but reach for the canary: by URL, and as an uploaded document
            for (String entry : List.of("page", "document")) {
                tries++;
                HttpResponse<String> r = entry.equals("page")
                        ? server.postJson("/v1/jobs", "{\"url\":\"" + allowedBase + "/page\",\"to\":\"pdf\"}")
                        : server.postMultipart("/v1/jobs", Multipart.form().file("file", html).field("to", "pdf"));
                statuses.merge(r.statusCode(), 1, Integer::sum);
                JsonNode job = server.awaitEnd(TestServer.JSON.readTree(r.body()).path("id").asText());
                accepted.add(job.toString());
                if (!job.path("status").asText().equals("success")) {
                    fiveHundreds.add("the hostile " + entry + " did not print: " + job);
                }
            }
            // pages that navigate themselves to the canary: each ends promptly and clearly
            Map<String, String> navigated = new TreeMap<>();
            for (String nav : navigations(loop).keySet()) {
                tries++;
                long start = System.nanoTime();
                HttpResponse<String> r = server.postJson("/v1/jobs", "{\"url\":\"" + allowedBase + "/" + nav + "\",\"to\":\"pdf\"}");
                JsonNode job = server.awaitEnd(TestServer.JSON.readTree(r.body()).path("id").asText());
                String outcome = job.path("status").asText().equals("success") ? "success" : job.path("error").path("code").asText();
                navigated.put(nav, outcome + " in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
                if (!outcome.equals("success") && !outcome.equals("url_forbidden")) {
                    fiveHundreds.add("the page that navigates (" + nav + ") ended " + job);
                }
            }
            // what was accepted ends before the canary is read (webhooks and downloads are tried by then)
            for (String body : accepted) {
                String id = TestServer.JSON.readTree(body).path("id").asText(
                        TestServer.JSON.readTree(body).path("jobId").asText(TestServer.JSON.readTree(body).path("JobId").asText()));
                if (!id.isBlank()) {
                    Awaitility.await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() -> {
                        JsonNode job = TestServer.JSON.readTree(server.get("/v1/jobs/" + id).body());
                        JsonNode hook = job.path("webhook");
                        return Workload.isEnd(job.path("status").asText())
                                && (hook.isMissingNode() || !hook.path("attempts").isEmpty()
                                || !hook.path("status").asText().equals("pending"));
                    });
                }
            }
            Figures.of("4. SSRF sweep: every entry point, every address form").put("tries", tries)
                    .put("address forms", forms.size()).put("answers by status", statuses)
                    .put("pages navigating to the canary", navigated)
                    .put("internal errors or hostile page not printed", fiveHundreds.size()).put("canary hits", hits.size()).report();
            assertThat(hits).as("requests that reached the canary").isEmpty();
            assertThat(fiveHundreds).as("tries answered with an internal error, or hostile pages not printed").isEmpty();
            assertThat(server.get("/health").statusCode()).isEqualTo(200);
        } finally {
            canary.close();
            allowed.stop(0);
        }
    }

    /** One way a URL enters Kiln: sends {@code url} there and returns the answer. */
    record Entry(String what, Function<String, HttpResponse<String>> send) {
    }

    /** Pages that send the whole tab to the canary: at once, after loading, and by a meta refresh. */
    private static Map<String, String> navigations(String canary) {
        String to = "http://" + canary + "/navigated";
        return Map.of("navigate-now", "<!doctype html><p>navigating</p><script>location.href='" + to + "-now'</script>",
                "navigate-after-load", "<!doctype html><p>navigating</p><script>addEventListener('load',()=>setTimeout(()=>"
                        + "{location.href='" + to + "-later'},50))</script>",
                "meta-refresh", "<!doctype html><meta http-equiv=refresh content='0;url=" + to + "-meta'><p>navigating</p>",
                "form-post", "<!doctype html><form method=post action='" + to + "-form'></form><p>navigating</p>"
                        + "<script>document.forms[0].submit()</script>");
    }

    /** A page reaching for the canary by every sub-resource a browser loads. */
    private static String hostilePage(int port) {
        String c = "http://127.0.0.1:" + port;
        return "<!doctype html><html><head><link rel=stylesheet href='" + c + "/css'>"
                + "<style>body{background:url(" + c + "/css-url)}@import url(" + c + "/import);</style>"
                + "<script src='" + c + "/script'></script></head><body><p>hostile</p>"
                + "<img src='" + c + "/img'><img src='http://[::1]:" + port + "/img6'>"
                + "<iframe src='" + c + "/iframe'></iframe><object data='" + c + "/object'></object>"
                + "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'>"
                + "<image xlink:href='" + c + "/svg'/></svg>"
                + "<script>fetch('" + c + "/fetch').catch(()=>{});new Image().src='" + c + "/js-img';"
                + "navigator.sendBeacon && navigator.sendBeacon('" + c + "/beacon');</script></body></html>";
    }
}
