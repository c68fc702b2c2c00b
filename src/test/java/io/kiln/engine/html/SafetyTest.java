package io.kiln.engine.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.kiln.engine.ProducedFile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A page reads nothing but its own files: no local file, no network, no image bomb. */
class SafetyTest {

    @TempDir
    Path work;

    private HttpServer canary;
    private final AtomicInteger hits = new AtomicInteger();
    private String base;

    @BeforeEach
    void startCanary() throws IOException {
        canary = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        canary.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        canary.start();
        base = "http://127.0.0.1:" + canary.getAddress().getPort();
    }

    @AfterEach
    void stopCanary() {
        canary.stop(0);
    }

    @Test
    void theCanaryIsReachable() throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/control")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(hits).hasValue(1);
    }

    @Test
    void localFilesAndTheNetworkAreOutOfReach() throws Exception {
        Path page = HtmlTasks.page(work, "hostile.html", """
                <html><head>
                <base href="file:///etc/">
                <link rel="stylesheet" href="file:///etc/hostname">
                <link rel="stylesheet" href="%1$s/style.css">
                <style>
                  @import url("file:///etc/passwd");
                  @import url("%1$s/import.css");
                  @font-face { font-family: Leak; src: url("%1$s/font.ttf"); }
                  body { background-image: url("%1$s/bg.png"); font-family: Leak, serif; }
                  p::after { content: url("file:///etc/passwd"); }
                </style></head>
                <body>
                <p>Visible text</p>
                <img src="file:///etc/passwd"><img src="passwd"><img src="../../../../../../etc/passwd">
                <img src="jar:file:///usr/lib/jvm/temurin-25-jdk-amd64/lib/src.zip!/java.base/java/lang/Object.java">
                <img src="%1$s/img.png"><img src="//127.0.0.1:%2$d/proto-relative.png">
                <iframe src="file:///etc/passwd"></iframe><object data="file:///etc/passwd"></object>
                <embed src="%1$s/embed.svg"><svg><image href="file:///etc/passwd"/></svg>
                <a href="file:///etc/passwd">a link is only a link</a>
                </body></html>""".formatted(base, canary.getAddress().getPort()));
        ProducedFile pdf = HtmlTasks.CONVERTER.convert(HtmlTasks.named(work, "html", Map.of(), List.of(page),
                List.of("hostile.html"))).getFirst();
        String text = HtmlTasks.text(pdf);
        assertThat(text).contains("Visible text").doesNotContain("root:x:0:0").doesNotContain("java.lang");
        assertThat(text.strip()).doesNotContain(Files.readString(Path.of("/etc/hostname")).strip() + "\n");
        assertThat(PdfFacts.imageCount(pdf)).isZero();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(hits).hasValue(0));
    }

    @Test
    void aMarkdownPageIsHeldToTheSameRules() throws Exception {
        Path md = Files.writeString(work.resolve("hostile.md"), """
                # Hostile
                ![x](file:///etc/passwd) ![y](%s/md.png)
                <img src="file:///etc/passwd"><link rel="stylesheet" href="file:///etc/hostname">
                """.formatted(base));
        ProducedFile pdf = HtmlTasks.CONVERTER.convert(HtmlTasks.task(work, "md", "pdf", Map.of(), md)).getFirst();
        assertThat(HtmlTasks.text(pdf)).contains("Hostile").doesNotContain("root:x:0:0");
        assertThat(PdfFacts.imageCount(pdf)).isZero();
        assertThat(hits).hasValue(0);
    }

    @Test
    void imagesOverThePixelLimitAreLeftOut() throws Exception {
        try (OpenHtmlRenderer small = new OpenHtmlRenderer(OpenHtmlRenderer.SYSTEM_FONTS, 400)) {
            HtmlConverter converter = new HtmlConverter(small);
            Path page = HtmlTasks.page(work, "p.html", "<html><body><img src='big.png'><img src='ok.png'></body></html>");
            Path big = AssetsTest.png(work.resolve("1"), 21);
            Path ok = AssetsTest.png(work.resolve("2"), 20);
            ProducedFile pdf = converter.convert(HtmlTasks.named(work, "html", Map.of(), List.of(page, big, ok),
                    List.of("p.html", "big.png", "ok.png"))).getFirst();
            assertThat(PdfFacts.imageCount(pdf)).isEqualTo(1);
        }
    }
}
