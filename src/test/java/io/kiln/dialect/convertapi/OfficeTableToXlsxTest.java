package io.kiln.dialect.convertapi;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import io.kiln.testing.XlsxSheets;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's round trip through ConvertAPI's routes: a corpus spreadsheet printed to PDF by LibreOffice
 * ({@code ods/to/pdf}), then that PDF as cells ({@code pdf/to/xlsx}). LibreOffice prints text at the
 * left of its cell and numbers at the right, so a column's words and numbers overlap nowhere: the
 * columns must still come back as the sheet's.
 */
class OfficeTableToXlsxTest {

    @TempDir
    static Path data;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.startOn(data, "--office-processes", "1");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aPrintedSpreadsheetsWordsAndNumbersComeBackInTheirColumns() throws Exception {
        assumeTrue(KilnFacts.available(server, "ods", "pdf"), "ods → pdf (LibreOffice) is not available here");
        // the sheet: This | is | an | example | spreadsheet, and under it 0 | 1 | 2 | 3 | 4
        byte[] pdf = result(server.postMultipart("/convert/ods/to/pdf", Multipart.form()
                .file("File", Corpus.file("ods/LibreOfficeCalc_ods_1.3.ods")).field("StoreFile", "true")));
        Path printed = Files.write(data.resolve("printed.pdf"), pdf);

        XlsxSheets book = XlsxSheets.read(result(server.postMultipart("/convert/pdf/to/xlsx", Multipart.form()
                .file("File", printed).field("StoreFile", "true"))));

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(book.names()).hasSize(doc.getNumberOfPages());
        }
        Map<String, Object> cells = book.cells().getFirst();
        String first = cells.entrySet().stream().filter(e -> "This".equals(e.getValue())).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("no cell holds 'This': " + cells));
        assertThat(first).startsWith("A");
        int row = Integer.parseInt(first.substring(1));
        List<String> columns = List.of("A", "B", "C", "D", "E");
        assertThat(columns.stream().map(c -> cells.get(c + row)).toList())
                .containsExactly("This", "is", "an", "example", "spreadsheet");
        assertThat(columns.stream().map(c -> cells.get(c + (row + 1))).toList()).as(cells.toString())
                .containsExactly(BigDecimal.ZERO, BigDecimal.ONE, new BigDecimal("2"), new BigDecimal("3"), new BigDecimal("4"));
    }

    private static byte[] result(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode files = json(r).path("Files");
        assertThat(files).hasSize(1);
        HttpResponse<byte[]> file = server.getBytes(files.get(0).path("Url").asText());
        assertThat(file.statusCode()).isEqualTo(200);
        return file.body();
    }
}
