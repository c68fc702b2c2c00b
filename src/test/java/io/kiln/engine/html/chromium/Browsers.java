package io.kiln.engine.html.chromium;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kiln.engine.html.PrintOptions;
import io.kiln.engine.html.RenderRequest;
import io.kiln.fetch.AddressPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Test helpers: a one-browser renderer when Chromium is installed, pages written to files, PDF text. */
final class Browsers {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Browsers() {
    }

    /** A renderer with one browser under {@code dir}; the test is skipped when Chromium is absent. */
    static ChromiumRenderer renderer(Path dir, AddressPolicy policy) {
        Path exe = ChromiumInstallation.find().orElse(null);
        assumeTrue(exe != null, "Chromium is not installed");
        ChromiumSettings settings = ChromiumSettings.defaults(exe, dir).withBrowsers(1)
                .withAcquireTimeout(Duration.ofSeconds(90));
        return ChromiumRenderer.start(settings, policy);
    }

    static Path page(Path dir, String name, String html) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), html);
    }

    static RenderRequest document(Path html) {
        return RenderRequest.document(html, Map.of(), PrintOptions.defaults(), TIMEOUT);
    }

    static RenderRequest document(Path html, PrintOptions print) {
        return RenderRequest.document(html, Map.of(), print, TIMEOUT);
    }

    static String text(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc);
        }
    }

    static int pages(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return doc.getNumberOfPages();
        }
    }

    /** Options as the defaults but for what {@code change} sets, e.g. {@code o -> o.landscape(true)}. */
    static PrintOptions print(double width, double height, double margin, boolean landscape,
                              java.util.Optional<String> ranges, java.util.Optional<String> header,
                              java.util.Optional<String> footer, java.util.Optional<String> waitFor,
                              PrintOptions.Media media, boolean background) {
        return new PrintOptions(width, height, margin, margin, margin, margin, landscape, 1.0, background, ranges,
                header, footer, waitFor, Duration.ZERO, media, Map.of(), false, false);
    }
}
