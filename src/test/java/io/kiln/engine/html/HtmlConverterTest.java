package io.kiln.engine.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.kiln.engine.Availability;
import io.kiln.engine.Capability;
import io.kiln.engine.Capability.Inputs;
import io.kiln.engine.ConversionTask;
import io.kiln.engine.ConverterRegistry;
import io.kiln.engine.FormatDetector;
import io.kiln.engine.OptionSpec;
import io.kiln.engine.Options;
import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.error.KilnException;
import io.kiln.testing.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the html and url engines offer, with the pure-Java renderer and with a browser. */
class HtmlConverterTest {

    @TempDir
    Path work;

    @Test
    void htmlAndMarkdownToPdfAndMarkdownToHtml() {
        HtmlConverter html = HtmlTasks.CONVERTER;
        assertThat(html.engine()).isEqualTo("html");
        assertThat(html.availability().isReady()).isTrue();
        assertThat(html.about()).containsEntry("renderer", "openhtmltopdf");
        assertThat(html.capabilities()).extracting(Capability::from, Capability::to, Capability::inputs)
                .containsExactly(
                        tuple(Set.of("html", "htm"), "pdf", Inputs.ASSETS),
                        tuple(Set.of("md"), "pdf", Inputs.ASSETS),
                        tuple(Set.of("md"), "html", Inputs.ONE));
        assertThat(html.capabilities().getFirst().options()).extracting(OptionSpec::name).containsExactly(
                "paper", "width", "height", "margin", "marginTop", "marginRight", "marginBottom", "marginLeft",
                "landscape", "scale", "printBackground", "pages", "header", "footer", "waitFor", "delay", "media",
                "tagged", "outline");
    }

    @Test
    void webPagesAreUnavailableWithoutABrowser() {
        UrlConverter url = new UrlConverter(HtmlTasks.RENDERER);
        assertThat(url.engine()).isEqualTo("url");
        assertThat(url.capabilities()).singleElement().satisfies(c -> {
            assertThat(c.accepts(ConversionTask.URL, "pdf")).isTrue();
            assertThat(c.options()).extracting(OptionSpec::name).contains("headers", "waitFor", "pages");
        });
        assertThat(url.availability().state()).isEqualTo(Availability.State.UNAVAILABLE);
        assertThat(url.availability().detail()).contains("Chromium");
        ConverterRegistry registry = new ConverterRegistry(List.of(HtmlTasks.CONVERTER, url));
        assertThat(registry.find("url", "pdf")).get().extracting(ConverterRegistry.Match::converter).isSameAs(url);
        assertThat(registry.find("htm", "pdf")).get().extracting(ConverterRegistry.Match::converter)
                .isSameAs(HtmlTasks.CONVERTER);
        assertThatThrownBy(() -> url.convert(urlTask("https://example.com/", Map.of())))
                .isInstanceOf(ConversionFailed.class)
                .extracting(e -> ((KilnException) e).code()).isEqualTo(ErrorCode.ENGINE_UNAVAILABLE);
    }

    @Test
    void aBrowserPrintsTheUrlWithTheOptionsAndThePagesAreSelectedAfter() throws Exception {
        AtomicReference<RenderRequest> seen = new AtomicReference<>();
        UrlConverter url = new UrlConverter(new FakeBrowser(seen));
        assertThat(url.availability().isReady()).isTrue();
        ProducedFile pdf = url.convert(urlTask(" https://example.com/report?q=1 \n",
                Map.of("paper", "letter", "pages", "!1", "headers", "{\"X-Token\": \"t\"}"))).getFirst();
        assertThat(seen.get().url()).isEqualTo(URI.create("https://example.com/report?q=1"));
        assertThat(seen.get().document()).isNull();
        assertThat(seen.get().print().paperWidth()).isEqualTo(8.5);
        assertThat(seen.get().print().headers()).containsEntry("X-Token", "t");
        assertThat(seen.get().timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(pdf.pageCount()).isEqualTo(1);
        assertThat(pdf.name()).isEqualTo("out.pdf");
    }

    @Test
    void onlyWebAddressesArePrinted() {
        UrlConverter url = new UrlConverter(new FakeBrowser(new AtomicReference<>()));
        for (String bad : List.of("file:///etc/passwd", "ftp://example.com/x", "not a url", "https://")) {
            assertThatThrownBy(() -> url.convert(urlTask(bad, Map.of()))).isInstanceOf(ConversionFailed.class)
                    .extracting(e -> ((KilnException) e).code()).isEqualTo(ErrorCode.URL_FORBIDDEN);
        }
    }

    @Test
    void thePageLimitCountsPrintedPages() throws Exception {
        Path page = HtmlTasks.page(work, "p.html", "<html><body>x" + "<div style='page-break-before:always'>x</div>"
                .repeat(3) + "</body></html>");
        ConversionTask task = new ConversionTask("html", "pdf", List.of(page), Options.NONE, work, "out",
                Duration.ofMinutes(1), 3);
        assertThatThrownBy(() -> HtmlTasks.CONVERTER.convert(task)).isInstanceOf(ConversionFailed.class)
                .hasMessageContaining("4 pages; the limit is 3")
                .extracting(e -> ((KilnException) e).code()).isEqualTo(ErrorCode.TOO_MANY_PAGES);
    }

    @Test
    void otherPairsAreRefused() {
        assertThatThrownBy(() -> HtmlTasks.CONVERTER.convert(HtmlTasks.task(work, "html", "docx", Map.of(),
                Corpus.file("md/testMARKDOWN.md")))).isInstanceOf(ConversionFailed.class)
                .extracting(e -> ((KilnException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED_CONVERSION);
    }

    @ParameterizedTest
    @CsvSource({"html/lorem-ipsum.htm, html", "html/test-invoice.html, html", "html/qq-news-zh.html, html",
        "md/testMARKDOWN.md, md", "md/free-programming-books-zh.md, md", "md/commonmark-spec.md, md"})
    void corpusFilesAreDetectedAsTheirFormat(String file, String format) {
        Path p = Corpus.file(file);
        assertThat(new FormatDetector().detect(p, p.getFileName().toString())).contains(format);
    }

    private ConversionTask urlTask(String url, Map<String, String> options) throws IOException {
        Path input = Files.writeString(work.resolve("input.url"), url);
        return new ConversionTask(ConversionTask.URL, "pdf", List.of(input), new Options(options), work, "out",
                Duration.ofMinutes(2), 100, List.of("example.com.url"));
    }

    /** A browser that "prints" any request on three blank pages and remembers it. */
    private record FakeBrowser(AtomicReference<RenderRequest> seen) implements HtmlRenderer {
        @Override
        public String name() {
            return "chromium";
        }

        @Override
        public Availability availability() {
            return Availability.ready();
        }

        @Override
        public boolean rendersUrls() {
            return true;
        }

        @Override
        public boolean runsInServerProcess() {
            return false;
        }

        @Override
        public void render(RenderRequest request, Path pdf) {
            seen.set(request);
            try (PDDocument doc = new PDDocument()) {
                for (int i = 0; i < 3; i++) {
                    doc.addPage(new PDPage());
                }
                doc.save(pdf.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
        }
    }
}
