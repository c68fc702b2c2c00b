package io.kiln.engine.html.chromium;

import static io.kiln.engine.html.chromium.Browsers.document;
import static io.kiln.engine.html.chromium.Browsers.page;
import static io.kiln.engine.html.chromium.Browsers.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.engine.html.PrintOptions;
import io.kiln.engine.html.RenderRequest;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.fetch.AddressPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under the strict policy nothing a page asks for reaches loopback, and no local file is read; and
 * nothing one render leaves in the browser reaches the next, for another owner (a fresh context) or
 * the same one (whose renders may share a kept page, cleared between them).
 */
class SafetyTest {

    private static final String SNOOP = """
            <html><body><p id="o">pending</p><script>
            document.getElementById('o').textContent = 'found cookie=[' + document.cookie + '] local=['
                + (localStorage.getItem('k') || '') + '] session=[' + (sessionStorage.getItem('k') || '')
                + '] name=[' + window.name + '] end';
            document.cookie = 'c=%1$s; domain=kiln.invalid; path=/; max-age=3600';
            localStorage.setItem('k', '%1$s');
            sessionStorage.setItem('k', '%1$s');
            window.name = '%1$s';
            </script></body></html>
            """;


    private static ChromiumRenderer renderer;
    private static Canary canary;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        renderer = Browsers.renderer(shared, AddressPolicy.STRICT);
        canary = new Canary();
    }

    @AfterAll
    static void stop() {
        if (renderer != null) {
            renderer.close();
        }
        if (canary != null) {
            canary.close();
        }
    }

    @Test
    void noSubResourceOfAnyKindReachesTheCanary() throws Exception {
        String c = "127.0.0.1:" + canary.port();
        String l = "localhost:" + canary.port();
        Path html = page(dir, "ssrf.html", """
                <html><head>
                <link rel="stylesheet" href="http://%1$s/link.css">
                <link rel="prefetch" href="http://%1$s/prefetch">
                <style>
                  @import url("http://%1$s/import.css");
                  @font-face { font-family: canary; src: url("http://%1$s/font.woff"); }
                  body { font-family: canary, sans-serif; background-image: url("http://%2$s/bg.png"); }
                </style>
                <script src="http://%1$s/script.js"></script>
                </head><body>
                <p>SSRF canary page</p>
                <img src="http://%1$s/img.png">
                <img src="http://[::1]:%3$d/img6.png">
                <iframe src="http://%1$s/iframe"></iframe>
                <iframe src="http://%2$s/iframe-localhost"></iframe>
                <iframe src="https://%1$s/iframe-tls"></iframe>
                <object data="http://%1$s/object"></object>
                <script>
                  fetch("http://%1$s/fetch").catch(() => {});
                  fetch("http://%2$s/fetch-localhost", {mode: "no-cors"}).catch(() => {});
                  const x = new XMLHttpRequest(); x.open("GET", "http://%1$s/xhr"); x.send();
                  try { new WebSocket("ws://%1$s/ws"); } catch (e) {}
                  try { new Worker("http://%1$s/worker.js"); } catch (e) {}
                  navigator.sendBeacon && navigator.sendBeacon("http://%1$s/beacon", "x");
                  const s = document.createElement("script"); s.src = "http://%1$s/dynamic.js"; document.head.appendChild(s);
                </script>
                </body></html>
                """.formatted(c, l, canary.port()));
        PrintOptions waitABit = new PrintOptions(8.27, 11.69, 0.4, 0.4, 0.4, 0.4, false, 1.0, true, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofMillis(1500), PrintOptions.Media.PRINT,
                Map.of(), false, false);
        Path pdf = dir.resolve("ssrf.pdf");
        renderer.render(RenderRequest.document(html, Map.of(), waitABit, Browsers.TIMEOUT), pdf);

        assertThat(text(pdf)).contains("SSRF canary page");
        assertThat(canary.hits()).isEmpty();
    }

    /** Before, the render waited for the first document's load, which never came: 120 s and {@code timeout}. */
    @Test
    void aPageThatSendsItsTabToTheCanaryIsRefusedAtOnce() throws Exception {
        String to = "http://127.0.0.1:" + canary.port() + "/navigated";
        for (String html : List.of("<p>going</p><script>location.href='" + to + "'</script>",
                "<form method=post action='" + to + "'></form><script>document.forms[0].submit()</script>")) {
            Path page = page(dir, "navigates.html", html);
            long start = System.nanoTime();

            assertThatThrownBy(() -> renderer.render(document(page), dir.resolve("navigated.pdf")))
                    .isInstanceOfSatisfying(ConversionFailed.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.URL_FORBIDDEN));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(html).isLessThan(Browsers.TIMEOUT);
        }
        assertThat(canary.hits()).isEmpty();
    }

    /** A page that moves its tab to another document it may load is printed as that document. */
    @Test
    void aPageThatSendsItsTabToAnAllowedDocumentIsPrintedThere() throws Exception {
        Path next = page(dir, "next.html", "<p>the second document</p>");
        Path first = page(dir, "first.html", "<p>the first document</p><script>location.href='next.html'</script>");
        Path pdf = dir.resolve("moved.pdf");

        renderer.render(RenderRequest.document(first, Map.of("next.html", next), document(first).print(), Browsers.TIMEOUT),
                pdf);

        assertThat(text(pdf)).contains("the second document").doesNotContain("the first document");
    }

    @Test
    void localFilesCannotBeFramedFetchedOrReachedByRelativePaths() throws Exception {
        Path html = page(dir, "files.html", """
                <p>local files page</p>
                <iframe src="file:///etc/passwd" width=600 height=200></iframe>
                <iframe src="view-source:file:///etc/passwd" width=600 height=200></iframe>
                <iframe src="../../../../../../etc/passwd" width=600 height=200></iframe>
                <iframe src="/etc/passwd" width=600 height=200></iframe>
                <iframe src="chrome://version" width=600 height=200></iframe>
                <pre id=out></pre>
                <script>
                  fetch("file:///etc/passwd").then(r => r.text()).then(t => out.textContent = t).catch(() => {});
                </script>
                """);
        Path pdf = dir.resolve("files.pdf");
        renderer.render(Browsers.document(html), pdf);

        assertThat(text(pdf)).contains("local files page").doesNotContain("root:x:0:0");
    }

    @Test
    void aForbiddenTopLevelUrlFailsTheJobWithoutAnyRequest() throws Exception {
        for (String url : new String[] {canary.url("/page"), "http://localhost:" + canary.port() + "/page",
                "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd", "chrome://version"}) {
            assertThatThrownBy(() -> renderer.render(RenderRequest.url(URI.create(url), PrintOptions.defaults(),
                    Browsers.TIMEOUT), dir.resolve("x.pdf")))
                    .as(url).isInstanceOf(ConversionFailed.class)
                    .extracting(e -> ((ConversionFailed) e).code()).isEqualTo(ErrorCode.URL_FORBIDDEN);
        }
        assertThat(canary.hits()).isEmpty();
    }

    /** Each page prints what it finds, then leaves a cookie on the documents' parent domain, storage and a window name behind. */
    @Test
    void aRenderFindsNothingOfThePreviousOnesWhoeverTheirOwner() throws Exception {
        List<String> owners = List.of("alice", "alice", "bob", "alice", "", "alice");
        for (int i = 0; i < owners.size(); i++) {
            Path html = page(dir, "snoop-" + i + ".html", SNOOP.formatted("secret-" + i));
            Path pdf = dir.resolve("snoop-" + i + ".pdf");
            renderer.render(document(html).ownedBy(owners.get(i)), pdf);
            assertThat(text(pdf).replaceAll("\\s+", " "))
                    .as("render %d, of %s", i, owners.get(i))
                    .contains("found cookie=[] local=[] session=[] name=[] end");
        }
    }
}
