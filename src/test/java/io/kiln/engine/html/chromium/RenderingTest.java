package io.kiln.engine.html.chromium;

import static io.kiln.engine.html.chromium.Browsers.document;
import static io.kiln.engine.html.chromium.Browsers.page;
import static io.kiln.engine.html.chromium.Browsers.pages;
import static io.kiln.engine.html.chromium.Browsers.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.engine.html.PrintOptions;
import io.kiln.engine.html.RenderRequest;
import io.kiln.fetch.AddressPolicy;
import io.kiln.testing.Corpus;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corpus pages and print options, on one warm browser. */
class RenderingTest {

    private static ChromiumRenderer renderer;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        renderer = Browsers.renderer(shared, AddressPolicy.STRICT);
    }

    @AfterAll
    static void stop() {
        if (renderer != null) {
            renderer.close();
        }
    }

    private Path render(RenderRequest request) throws Exception {
        Path pdf = dir.resolve("out-" + System.nanoTime() + ".pdf");
        renderer.render(request, pdf);
        return pdf;
    }

    private static PrintOptions options(double w, double h, double margin, boolean landscape, Optional<String> ranges) {
        return Browsers.print(w, h, margin, landscape, ranges, Optional.empty(), Optional.empty(), Optional.empty(),
                PrintOptions.Media.PRINT, true);
    }

    @Test
    void corpusPagesPrintWithTheirText() throws Exception {
        assertThat(text(render(document(Corpus.file("html/test-invoice.html"))))).contains("Rechnung", "Hosenträger");
        Path lorem = render(document(Corpus.file("html/lorem-ipsum.htm")));
        assertThat(pages(lorem)).isGreaterThanOrEqualTo(2);
        assertThat(text(lorem)).contains("Lorem ipsum");
        assertThat(text(render(document(Corpus.file("html/hukumusume-ja.html"))))).isNotBlank();
    }

    @Test
    void paperSizeAndLandscapeSetTheMediaBox() throws Exception {
        Path html = page(dir, "a.html", "<p>size</p>");
        try (PDDocument doc = Loader.loadPDF(render(document(html, options(8.5, 11, 0.4, false, Optional.empty()))).toFile())) {
            assertThat(doc.getPage(0).getMediaBox().getWidth()).isCloseTo(612f, org.assertj.core.data.Offset.offset(1f));
            assertThat(doc.getPage(0).getMediaBox().getHeight()).isCloseTo(792f, org.assertj.core.data.Offset.offset(1f));
        }
        try (PDDocument doc = Loader.loadPDF(render(document(html, options(8.5, 11, 0.4, true, Optional.empty()))).toFile())) {
            assertThat(doc.getPage(0).getMediaBox().getWidth()).isCloseTo(792f, org.assertj.core.data.Offset.offset(1f));
        }
    }

    @Test
    void widerMarginsMeanMorePagesAndRangesPickPages() throws Exception {
        Path lorem = page(dir, "long.html", "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>".repeat(150));
        int narrow = pages(render(document(lorem, options(8.27, 11.69, 0.2, false, Optional.empty()))));
        int wide = pages(render(document(lorem, options(8.27, 11.69, 2.0, false, Optional.empty()))));
        assertThat(wide).isGreaterThan(narrow);
        assertThat(pages(render(document(lorem, options(8.27, 11.69, 2.0, false, Optional.of("1-2")))))).isEqualTo(2);
    }

    @Test
    void headerAndFooterTemplatesArePrinted() throws Exception {
        Path html = page(dir, "hf.html", "<p>body text</p>");
        PrintOptions print = Browsers.print(8.27, 11.69, 1.0, false, Optional.empty(),
                Optional.of("<div style='font-size:10px'>KILNHEADER</div>"),
                Optional.of("<div style='font-size:10px'>page <span class='pageNumber'></span> of <span class='totalPages'></span></div>"),
                Optional.empty(), PrintOptions.Media.PRINT, true);
        String text = text(render(document(html, print)));
        assertThat(text).contains("KILNHEADER").contains("page 1 of 1").contains("body text");
    }

    @Test
    void mediaScreenOrPrintChoosesTheStylesheet() throws Exception {
        Path html = page(dir, "media.html", "<style>@media print { .s { display: none } } @media screen { .p { display: none } }</style>"
                + "<p class='s'>SCREENONLY</p><p class='p'>PRINTONLY</p>");
        String print = text(render(document(html)));
        assertThat(print).contains("PRINTONLY").doesNotContain("SCREENONLY");
        String screen = text(render(document(html, Browsers.print(8.27, 11.69, 0.4, false, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), PrintOptions.Media.SCREEN, true))));
        assertThat(screen).contains("SCREENONLY").doesNotContain("PRINTONLY");
    }

    @Test
    void waitForSelectorWaitsForContentAddedLater() throws Exception {
        Path html = page(dir, "late.html", "<p>early</p><script>setTimeout(() => {"
                + "const d = document.createElement('div'); d.id = 'late'; d.textContent = 'LATECONTENT';"
                + "document.body.appendChild(d); }, 700);</script>");
        assertThat(text(render(document(html)))).doesNotContain("LATECONTENT");
        String waited = text(render(document(html, Browsers.print(8.27, 11.69, 0.4, false, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of("#late"), PrintOptions.Media.PRINT, true))));
        assertThat(waited).contains("LATECONTENT");
    }

    @Test
    void pdfsAreUntaggedUnlessAskedAndTheOutlineFollowsTheHeadings() throws Exception {
        Path html = page(dir, "headings.html", "<h1>Alpha chapter</h1><p>one</p><h2>Beta section</h2><p>two</p>"
                + "<h1>Gamma chapter</h1><p>three</p>");
        try (PDDocument plain = Loader.loadPDF(render(document(html)).toFile())) {
            assertThat(plain.getDocumentCatalog().getStructureTreeRoot()).isNull();
            assertThat(plain.getDocumentCatalog().getDocumentOutline()).isNull();
        }
        try (PDDocument tagged = Loader.loadPDF(render(document(html, structure(true, false))).toFile())) {
            assertThat(tagged.getDocumentCatalog().getStructureTreeRoot()).isNotNull();
            assertThat(tagged.getDocumentCatalog().getDocumentOutline()).isNull();
        }
        try (PDDocument outlined = Loader.loadPDF(render(document(html, structure(false, true))).toFile())) {
            assertThat(outlined.getDocumentCatalog().getStructureTreeRoot()).isNotNull();
            var top = new java.util.ArrayList<String>();
            var nested = new java.util.ArrayList<String>();
            for (var item : outlined.getDocumentCatalog().getDocumentOutline().children()) {
                top.add(item.getTitle());
                item.children().forEach(child -> nested.add(child.getTitle()));
            }
            assertThat(top).containsExactly("Alpha chapter", "Gamma chapter");
            assertThat(nested).containsExactly("Beta section");
        }
    }

    private static PrintOptions structure(boolean tagged, boolean outline) {
        PrintOptions d = PrintOptions.defaults();
        return new PrintOptions(d.paperWidth(), d.paperHeight(), d.marginTop(), d.marginRight(), d.marginBottom(),
                d.marginLeft(), d.landscape(), d.scale(), d.printBackground(), d.pageRanges(), d.headerHtml(),
                d.footerHtml(), d.waitForSelector(), d.delay(), d.media(), d.headers(), tagged, outline);
    }

    @Test
    void printBackgroundPaintsBackgrounds() throws Exception {
        Path html = page(dir, "bg.html", "<body style='background: rgb(255,0,0); margin:0'><p>red</p></body>");
        PrintOptions off = Browsers.print(8.27, 11.69, 0, false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), PrintOptions.Media.PRINT, false);
        assertThat(centrePixel(render(document(html, off)))).isEqualTo(0xffffff);
        assertThat(centrePixel(render(document(html)))).isEqualTo(0xff0000);
    }

    @Test
    void assetsAreServedByTheirRelativeNames() throws Exception {
        BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        Path logo = Files.write(dir.resolve("stored-logo.bin"), png.toByteArray());
        Path html = page(dir, "withlogo.html", "<p>logo:</p><img src='images/logo.png' width=80 height=80>");
        Path pdf = render(RenderRequest.document(html, Map.of("images/logo.png", logo), PrintOptions.defaults(),
                Browsers.TIMEOUT));
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDPage first = doc.getPage(0);
            boolean hasImage = false;
            for (COSName name : first.getResources().getXObjectNames()) {
                hasImage |= first.getResources().isImageXObject(name);
            }
            for (COSName name : first.getResources().getXObjectNames()) {
                var x = first.getResources().getXObject(name);
                if (x instanceof org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject form && form.getResources() != null) {
                    for (COSName inner : form.getResources().getXObjectNames()) {
                        hasImage |= form.getResources().isImageXObject(inner);
                    }
                }
            }
            assertThat(hasImage).isTrue();
        }
    }

    private static int centrePixel(Path pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            BufferedImage img = new PDFRenderer(doc).renderImage(0, 0.5f);
            return img.getRGB(img.getWidth() / 2, img.getHeight() / 2) & 0xffffff;
        }
    }

    @Test
    void theRendererSaysWhatItIs() {
        assertThat(renderer.name()).isEqualTo("chromium");
        assertThat(renderer.rendersUrls()).isTrue();
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> renderer.availability().isReady());
    }
}
