package io.kiln.engine.html;

import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.layout.UrlAwareLineBreakIterator;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.PageSizeUnits;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import io.kiln.engine.Availability;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.BreakIterator;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.jsoup.helper.W3CDom;
import org.jsoup.nodes.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pure-Java renderer: openhtmltopdf on PDFBox. Always available, no scripts, no web pages.
 * A page is parsed leniently (jsoup), given the print options as CSS ({@link PageSetup}), the
 * installed fonts ({@link SystemFonts}), ICU bidi and Arabic shaping, and may load nothing but the
 * request's own files and {@code data:} URIs ({@link RequestResources}). Each render runs on its own
 * thread under the request's time limit ({@link RenderThreads}). Thread-safe.
 */
public final class OpenHtmlRenderer implements HtmlRenderer {

    /** Where Debian keeps fonts. */
    public static final Path SYSTEM_FONTS = Path.of("/usr/share/fonts");

    private static final Logger LOG = LoggerFactory.getLogger(OpenHtmlRenderer.class);
    private static final float POINTS_PER_INCH = 72f;
    /** Every scheme a URL-loading fallback in openhtmltopdf would otherwise open. */
    private static final String[] REFUSED_SCHEMES = {"http", "https", "file", "jar", "jrt", "ftp", "classpath",
        "mailto", "netdoc", "gopher", "ldap", "ws", "wss", "blob", "about", "javascript"};

    private final SystemFonts fonts;
    private final PixelLimit pixels;
    private final RenderThreads threads = new RenderThreads();

    /** With the fonts under {@link #SYSTEM_FONTS}. */
    public OpenHtmlRenderer() {
        this(SYSTEM_FONTS);
    }

    public OpenHtmlRenderer(Path fontsDir) {
        this(fontsDir, PixelLimit.DEFAULT.maxPixels());
    }

    /** @param maxPixels largest image (width × height) a page may draw; bigger ones are left out */
    public OpenHtmlRenderer(Path fontsDir, long maxPixels) {
        this.fonts = SystemFonts.scan(fontsDir);
        this.pixels = new PixelLimit(maxPixels);
        // its warnings (a missing image, an unknown CSS property) arrive per render, at debug level
        XRLog.setLoggingEnabled(false);
        LOG.debug("openhtmltopdf renderer with {} font files from {}", fonts.count(), fontsDir);
    }

    @Override
    public String name() {
        return "openhtmltopdf";
    }

    @Override
    public Availability availability() {
        return Availability.ready();
    }

    @Override
    public boolean rendersUrls() {
        return false;
    }

    @Override
    public boolean runsInServerProcess() {
        return true;
    }

    @Override
    public void render(RenderRequest request, Path pdf) throws InterruptedException {
        if (request.url() != null) {
            throw new ConversionFailed(ErrorCode.ENGINE_UNAVAILABLE,
                    "the pure-Java HTML renderer cannot load web pages; printing a URL needs Chromium");
        }
        threads.run(() -> {
            print(request, pdf);
            return null;
        }, request.timeout());
    }

    /** Prints the page as written, or if openhtmltopdf's layout fails on it, simplified as little as needed. */
    private void print(RenderRequest request, Path pdf) throws IOException {
        for (Simplification s : Simplification.values()) {
            try {
                print(request, s, pdf);
                return;
            } catch (RuntimeException e) {
                if (Interruptible.abandoned(e) || s == Simplification.NO_PAGE_STYLES) {
                    throw e;
                }
                LOG.info("openhtmltopdf failed to lay out {} ({}); trying again with {}", request.document().getFileName(),
                        e, Simplification.values()[s.ordinal() + 1]);
            }
        }
    }

    private void print(RenderRequest request, Simplification simplification, Path pdf) throws IOException {
        PrintOptions print = request.print();
        double zoom = print.scale();
        Document page = HtmlSource.read(request.document(), RequestResources.BASE);
        Interruptible.check();
        simplification.apply(page);
        PageSetup.apply(page, print, zoom);
        org.w3c.dom.Document dom = W3CDom.convert(page);
        Interruptible.check();
        RequestResources resources = new RequestResources(request.assets(), pixels);
        PdfRendererBuilder builder = new PdfRendererBuilder()
                .useFastMode()
                .withW3cDocument(dom, RequestResources.BASE)
                .useDefaultPageSize((float) (paperWidth(print) / zoom), (float) (paperHeight(print) / zoom),
                        PageSizeUnits.INCHES)
                .useUriResolver(resources)
                .useExternalResourceAccessControl(resources, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
                .useHttpStreamImplementation(Streams.REFUSE)
                .useProtocolsStreamImplementation(Streams.REFUSE, REFUSED_SCHEMES)
                .useProtocolsStreamImplementation(resources, RequestResources.SCHEME)
                .useProtocolsStreamImplementation(Streams.dataUris(pixels), "data")
                .useUnicodeBidiSplitter(Interruptible.bidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory()))
                .useUnicodeBidiReorderer(new ICUBidiReorderer())
                .useUnicodeLineBreaker(Interruptible.lineBreaker(
                        new UrlAwareLineBreakIterator(BreakIterator.getLineInstance(Locale.ROOT))))
                .usePageSupplier(Interruptible.PAGES)
                .withProducer("Kiln (openhtmltopdf)")
                .withDiagnosticConsumer(d -> LOG.debug("openhtmltopdf: {}", d.getFormattedMessage()));
        fonts.register(builder);
        Path part = pdf.resolveSibling(pdf.getFileName() + ".part");
        try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
            renderer.layout();
            Interruptible.check();
            try (PDDocument doc = renderer.createPDFKeepOpen()) {
                if (zoom != 1) {
                    PageScaling.apply(doc, zoom, (float) paperWidth(print) * POINTS_PER_INCH,
                            (float) paperHeight(print) * POINTS_PER_INCH);
                }
                Interruptible.check();
                doc.save(part.toFile());
            }
        }
        Files.move(part, pdf, StandardCopyOption.REPLACE_EXISTING);
    }

    private static double paperWidth(PrintOptions p) {
        return p.landscape() ? p.paperHeight() : p.paperWidth();
    }

    private static double paperHeight(PrintOptions p) {
        return p.landscape() ? p.paperWidth() : p.paperHeight();
    }

    @Override
    public void close() {
        threads.close();
    }
}
