package io.kiln.dialect.convertapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kiln.auth.ApiKeys;
import io.kiln.testing.Corpus;
import io.kiln.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official {@code convertapi} npm client (1.15), changed only in its {@code baseUri}: it
 * uploads, converts (image → pdf, merge of an upload and a path, split chained on the merge
 * result's link, a watermark, deleted pages and PDF/A-2b on the upload, compress with a preset, a
 * corpus .docx → pdf) and saves the results, which PDFBox opens. Without node it fails
 * (KILN_TEST_SKIP_NODE=1 skips it).
 */
class NodeClientTest {

    private static final Path NPM = Path.of("target", "npm").toAbsolutePath();

    private static final String SCRIPT = """
            const path = require('path');
            const fs = require('fs');
            const ConvertAPI = require('convertapi');
            const [base, secret, out, jpg, pdf4, pdf1, heavy, docx] = process.argv.slice(2);
            const convertapi = new ConvertAPI(secret, { baseUri: base });
            const dir = (name) => { const d = path.join(out, name); fs.mkdirSync(d, { recursive: true }); return d; };
            (async () => {
              const image = await convertapi.convert('pdf', { File: jpg });
              await image.saveFiles(dir('image'));
              const uploaded = await convertapi.upload(pdf4);
              const merged = await convertapi.convert('merge', { Files: [uploaded, pdf1] }, 'pdf');
              await merged.saveFiles(dir('merged'));
              const split = await convertapi.convert('split', { File: merged }, 'pdf');
              await split.saveFiles(dir('split'));
              const marked = await convertapi.convert('watermark', { File: uploaded, Text: 'NODE DRAFT', FontSize: 20,
                VerticalAlignment: 'bottom', HorizontalAlignment: 'right' }, 'pdf');
              await marked.saveFiles(dir('watermark'));
              const trimmed = await convertapi.convert('delete-pages', { File: uploaded, PageRange: '1-3' }, 'pdf');
              await trimmed.saveFiles(dir('deleted'));
              const compressed = await convertapi.convert('compress', { File: heavy, Preset: 'web' }, 'pdf');
              await compressed.saveFiles(dir('compressed'));
              const archived = await convertapi.convert('pdfa', { File: uploaded, PdfaVersion: 'pdfa2' }, 'pdf');
              await archived.saveFiles(dir('pdfa'));
              if (docx) {
                const office = await convertapi.convert('pdf', { File: docx });
                await office.saveFiles(dir('docx'));
              }
              try {
                await convertapi.convert('xyz', { File: uploaded }, 'pdf');
                console.log('ERROR none');
              } catch (e) {
                console.log('ERROR ' + e.data.Code + ' ' + e.message);
              }
              console.log('COST ' + image.conversionCost + ' ' + merged.conversionCost);
            })().catch((e) => { console.error('FAILED', e.message, e.data); process.exit(1); });
            """;

    @Test
    void theOfficialNodeClientConvertsAndSavesFiles(@TempDir Path work) throws Exception {
        // the one check of ConvertAPI compatibility with a real client: it fails rather than skips
        // without node, unless asked to skip
        assumeTrue(!"1".equals(System.getenv("KILN_TEST_SKIP_NODE")), "KILN_TEST_SKIP_NODE=1");
        assertThat(runs(List.of("node", "--version"), work)).as("node on the PATH (KILN_TEST_SKIP_NODE=1 skips)").isTrue();
        installClient(work);
        Path data = Files.createDirectories(work.resolve("data"));
        String secret = ApiKeys.load(data.resolve("keys")).create("node").key();
        try (TestServer server = TestServer.startOn(data, "--office-processes", "1")) {
            assertThat(KilnFacts.available(server, "docx", "pdf")).as("LibreOffice for docx → pdf").isTrue();
            Path script = Files.writeString(work.resolve("client.js"), SCRIPT);
            Path out = work.resolve("out");
            List<String> command = new ArrayList<>(List.of("node", script.toString(), server.base() + "/", secret,
                    out.toString(), Corpus.file("images/baseball.jpg").toString(),
                    Corpus.file("pdf/pdflatex-4-pages.pdf").toString(),
                    Corpus.file("pdf/minimal-document.pdf").toString(),
                    Corpus.file("pdf/pdflatex-image.pdf").toString(),
                    Corpus.file("docx/TestTableColumns.docx").toString()));
            ProcessBuilder client = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("node.log").toFile()).directory(work.toFile());
            client.environment().put("NODE_PATH", NPM.resolve("node_modules").toString());
            Process node = client.start();
            assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("node finished").isTrue();
            String log = Files.readString(work.resolve("node.log"));
            assertThat(node.exitValue()).as(log).isZero();

            assertThat(pdfs(out.resolve("image"))).singleElement().satisfies(p -> assertThat(pages(p)).isEqualTo(1));
            assertThat(pdfs(out.resolve("merged"))).singleElement().satisfies(p -> assertThat(pages(p)).isEqualTo(5));
            assertThat(pdfs(out.resolve("split"))).hasSize(5).allSatisfy(p -> assertThat(pages(p)).isEqualTo(1));
            assertThat(pdfs(out.resolve("docx"))).singleElement().satisfies(p -> assertThat(pages(p)).isPositive());
            assertThat(pdfs(out.resolve("watermark"))).singleElement().satisfies(p ->
                    assertThat(io.kiln.testing.Poppler.drawnText(p, 4)).endsWith("NODEDRAFT"));
            assertThat(pdfs(out.resolve("compressed"))).singleElement().satisfies(p -> assertThat(Files.size(p))
                    .as("compress: smaller than its input").isLessThan(Files.size(Corpus.file("pdf/pdflatex-image.pdf"))));
            assertThat(pdfs(out.resolve("pdfa"))).singleElement().satisfies(p -> {
                assertThat(pages(p)).isEqualTo(4);
                assertThat(io.kiln.testing.VeraPdf.brokenRules(p, "2b")).as("veraPDF, PDF/A-2b").isEmpty();
            });
            assertThat(pdfs(out.resolve("deleted"))).singleElement().satisfies(p -> assertThat(pages(p)).isEqualTo(1));
            assertThat(log).contains("ERROR 4220 ").contains("COST 1 5");
        }
    }

    /** {@code npm install convertapi@1.15} into {@code target/npm}, once. */
    private static void installClient(Path work) throws Exception {
        if (Files.isRegularFile(NPM.resolve("node_modules/convertapi/package.json"))) {
            return;
        }
        Files.createDirectories(NPM);
        assertThat(runs(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", NPM.toString(),
                "convertapi@1.15"), work)).as("npm install convertapi@1.15 (see npm.log)").isTrue();
    }

    private static boolean runs(List<String> command, Path work) throws InterruptedException {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("npm.log").toFile());
            Process p = pb.start();
            return p.waitFor(180, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Path> pdfs(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".pdf")).sorted().toList();
        }
    }

    private static int pages(Path pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return doc.getNumberOfPages();
        } catch (IOException e) {
            throw new AssertionError(pdf + " is not a PDF: " + e.getMessage(), e);
        }
    }
}
