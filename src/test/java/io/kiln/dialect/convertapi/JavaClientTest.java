package io.kiln.dialect.convertapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.convertapi.client.Config;
import com.convertapi.client.ConversionException;
import com.convertapi.client.ConversionResult;
import com.convertapi.client.ConvertApi;
import com.convertapi.client.Param;
import io.kiln.auth.ApiKeys;
import io.kiln.testing.Corpus;
import io.kiln.testing.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ConvertAPI's own Java client ({@code com.convertapi.client:convertapi} 2.10), changed in nothing but
 * its host: it uploads a file ({@code POST /upload?filename=}, reading the answer as the bare id),
 * converts the upload, converts a path (uploaded and converted in one call), merges two files,
 * compresses a file with ConvertAPI's {@code Preset},
 * saves and deletes results, and meets an error. The client has no setting for a port (its
 * {@link Config} takes a scheme and a host name), so Kiln listens on port 80 of a loopback address
 * of its own; binding it needs root, as the tests here run, and the test is skipped without it.
 * The client has no asynchronous API (it drops {@code async} from every request), and its
 * {@code convertFile} helpers upload through the default {@link Config}, whose host is ConvertAPI's
 * and cannot be changed, so a user moving to Kiln passes a {@code Config} and {@code Param}s, as here.
 */
class JavaClientTest {

    private static final String HOST = "127.80.80.80";

    @Test
    void theOfficialJavaClientUploadsConvertsSavesAndDeletes(@TempDir Path work) throws Exception {
        assumeTrue(canListenOnPort80(), "port 80 of " + HOST + " (root) is needed: ConvertAPI's Java client cannot name a port");
        Path data = Files.createDirectories(work.resolve("data"));
        String secret = ApiKeys.load(data.resolve("keys")).create("java").key();
        try (TestServer server = TestServer.startOn(data, "--bind", HOST, "--port", "80")) {
            Config config = new Config(secret, "http", HOST, 60, builder -> builder);

            Param uploaded = new Param("file", Corpus.file("pdf/pdflatex-4-pages.pdf"), config);
            String fileId = uploaded.getValue().getFirst();
            assertThat(fileId).as("the id the client read from the upload's answer").matches("[0-9a-f-]{36}");

            ConversionResult text = ConvertApi.convert("pdf", "txt", new Param[] {uploaded}, config).get();
            Path saved = text.saveFile(work.resolve("out.txt")).get();
            assertThat(Files.readString(saved)).as("the upload, converted").contains(firstWords("pdf/pdflatex-4-pages.pdf"));
            assertThat(text.conversionCost()).isPositive();

            // (not convertFile: it uploads through the default Config, whose host is fixed to ConvertAPI's)
            ConversionResult image = ConvertApi.convert("jpg", "pdf",
                    new Param[] {new Param("file", Corpus.file("images/baseball.jpg"), config)}, config).get();
            Path imagePdf = image.saveFile(work.resolve("baseball.pdf")).get();
            assertThat(pages(imagePdf)).isEqualTo(1);

            // two values of one name: the client sends them as files[0] and files[1]
            ConversionResult merged = ConvertApi.convert("pdf", "merge", new Param[] {
                    new Param("files", Corpus.file("pdf/pdflatex-4-pages.pdf"), config),
                    new Param("files", Corpus.file("pdf/minimal-document.pdf"), config)}, config).get();
            Path mergedPdf = merged.saveFile(work.resolve("merged.pdf")).get();
            assertThat(pages(mergedPdf)).isEqualTo(5);

            ConversionResult trimmed = ConvertApi.convert("pdf", "delete-pages", new Param[] {uploaded,
                    new Param("PageRange", "2-4")}, config).get();
            assertThat(pages(trimmed.saveFile(work.resolve("trimmed.pdf")).get())).as("delete-pages: 3 of 4 gone").isEqualTo(1);

            // a new operation: compress with ConvertAPI's own preset name; the images go down to 150 dpi
            Path heavy = Corpus.file("pdf/pdflatex-image.pdf");
            ConversionResult compressed = ConvertApi.convert("pdf", "compress", new Param[] {
                    new Param("file", heavy, config), new Param("Preset", "web")}, config).get();
            Path small = compressed.saveFile(work.resolve("compressed.pdf")).get();
            assertThat(Files.size(small)).as("compress: smaller than the input").isLessThan(Files.size(heavy));
            assertThat(pages(small)).as("compress: every page kept").isEqualTo(pages(heavy));

            String link = merged.getFile(0).getUrl();
            assertThat(status(link)).as("the result's link before the client deletes it").isEqualTo(200);
            merged.deleteSync();
            assertThat(status(link)).as("the result's link after the client deleted it").isEqualTo(404);
            // (Param.delete() of an upload cannot work anywhere: it sends DELETE to the bare id as if it were a URL)
            assertThat(status("http://" + HOST + "/d/" + fileId + "?secret=" + secret)).as("the upload, by its id").isEqualTo(200);

            assertThatThrownBy(() -> ConvertApi.convert("pdf", "xyz", new Param[] {new Param("file", Corpus.file("pdf/minimal-document.pdf"), config)},
                    config).get())
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ConversionException.class)
                    .satisfies(e -> assertThat(((ConversionException) e).getHttpStatusCode()).isEqualTo(422))
                    .hasMessageContaining("4220");
        }
    }

    private static boolean canListenOnPort80() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(HOST, 80));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int status(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String firstWords(String corpusPdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(Corpus.file(corpusPdf).toFile())) {
            String text = new PDFTextStripper().getText(doc).strip();
            return text.substring(0, Math.min(20, text.indexOf('\n') > 0 ? text.indexOf('\n') : text.length())).strip();
        }
    }

    private static int pages(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return doc.getNumberOfPages();
        }
    }
}
