package io.kiln.hardening;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 5, bombs, through the API as a user sends them: an office package that inflates to far
 * more than it weighs, or holds countless parts, fails as {@code document_too_large} before any
 * LibreOffice process opens it (the probe's 1 MB docx holding 1 GiB of text drove the process tree
 * to 8 GB); a spreadsheet whose formulas take its office process to its memory limit fails as
 * {@code document_too_large} too; and the office engine serves the next document.
 */
@org.junit.jupiter.api.Tag("hardening")
class BombsTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start("--office-processes", "1");
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> json(server.get("/ready"))
                .path("engines").path("libreoffice").path("state").asText().equals("ready"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode convert(Path file) {
        JsonNode created = json(server.postMultipart("/v1/jobs", Multipart.form().file("file", file).field("to", "pdf")));
        assertThat(created.path("id").asText()).as(created.toString()).isNotBlank();
        return server.awaitEnd(created.path("id").asText());
    }

    /** A real package with {@code extra} entries written after its own. */
    private static Path packageWith(Path real, Path out, ExtraParts extra) throws IOException {
        try (var in = new java.util.zip.ZipFile(real.toFile());
             ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                in.getInputStream(e).transferTo(zip);
            }
            extra.write(zip);
        }
        return out;
    }

    private interface ExtraParts {
        void write(ZipOutputStream zip) throws IOException;
    }

    @Test
    void aDocxThatInflatesTo600MiBFailsAsTooLargeAndTheOfficeEngineCarriesOn(@TempDir Path dir) throws IOException {
        Path docx = io.kiln.testing.Corpus.file("docx/2pic.docx");
        Path bomb = packageWith(docx, dir.resolve("bomb.docx"), zip -> {
            zip.putNextEntry(new ZipEntry("word/media/padding.xml"));
            byte[] text = "a".repeat(1 << 20).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (int i = 0; i < 600; i++) {
                zip.write(text);
            }
        });
        assertThat(Files.size(bomb)).as("the bomb is small on the wire").isLessThan(3L << 20);

        JsonNode job = convert(bomb);

        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("failed");
        assertThat(job.path("error").path("code").asText()).isEqualTo("document_too_large");
        assertThat(job.path("error").path("message").asText()).contains("MiB");
        JsonNode next = convert(io.kiln.testing.Corpus.file("docx/2pic.docx"));
        assertThat(next.path("status").asText()).as(next.toString()).isEqualTo("success");
    }

    @Test
    void anXlsxOfCountlessPartsFailsAsTooLarge(@TempDir Path dir) throws IOException {
        Path many = packageWith(io.kiln.testing.Corpus.file("xlsx/51519.xlsx"), dir.resolve("many.xlsx"), zip -> {
            for (int i = 0; i <= 20_000; i++) {
                zip.putNextEntry(new ZipEntry("xl/extra/part" + i + ".xml"));
            }
        });
        JsonNode job = convert(many);

        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("failed");
        assertThat(job.path("error").path("code").asText()).isEqualTo("document_too_large");
    }

    /** A real package with its part {@code name} replaced by {@code xml}; the ODF {@code mimetype} stays first and stored. */
    private static Path packageReplacing(Path real, Path out, String name, String xml) throws IOException {
        try (var in = new java.util.zip.ZipFile(real.toFile());
             ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] content = e.getName().equals(name) ? xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                        : in.getInputStream(e).readAllBytes();
                if (e.getName().equals("mimetype")) {
                    io.kiln.testing.OfficePackages.stored(zip, "mimetype", content);
                } else {
                    zip.putNextEntry(new ZipEntry(e.getName()));
                    zip.write(content);
                }
            }
        }
        return out;
    }

    private static final String LAUGHS = """
            <!ENTITY lol "lol">
            <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
            <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
            <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
            <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
            <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
            <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
            <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            """;

    private static String doctype(String root, String entities) {
        return entities.isEmpty() ? "" : "<!DOCTYPE " + root + " [\n" + entities + "]>\n";
    }

    /** A Word body whose text is {@code text}, under a DOCTYPE declaring {@code entities}. */
    private static String wordDocument(String entities, String text) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + doctype("w:document", entities)
                + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                + "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p></w:body></w:document>";
    }

    /** An ODF text body whose text is {@code text}, under a DOCTYPE declaring {@code entities}. */
    private static String odfContent(String entities, String text) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + doctype("office:document-content", entities)
                + "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\">"
                + "<office:body><office:text><text:p>" + text + "</text:p></office:text></office:body></office:document-content>";
    }

    @Test
    void aDocxAndAnOdtOfABillionLaughsEndClearlyWithinBounds(@TempDir Path dir) throws IOException {
        Path docx = packageReplacing(io.kiln.testing.Corpus.file("docx/TestTableColumns.docx"), dir.resolve("laughs.docx"),
                "word/document.xml", wordDocument(LAUGHS, "&lol9;"));
        Path odt = packageReplacing(io.kiln.testing.Corpus.file("odt/LibreOfficeWriter_odt_1.3.odt"), dir.resolve("laughs.odt"),
                "content.xml", odfContent(LAUGHS, "&lol9;"));
        for (Path bomb : List.of(docx, odt)) {
            Outcome o = bomb(bomb, "pdf");
            // 10^9 "lol"s would be 3 GB of text: refused, or expanded no further than a parser's own limit
            endsClearly("billion laughs in a " + bomb.getFileName(), o, java.util.Set.of("", "corrupt_document", "document_too_large"));
            if (o.job().path("status").asText().equals("success")) {
                assertThat(o.job().path("outputs").path(0).path("size").asLong()).as("the PDF of " + bomb.getFileName())
                        .isLessThan(50L << 20);
            }
        }
        assertThat(convert(io.kiln.testing.Corpus.file("docx/2pic.docx")).path("status").asText()).isEqualTo("success");
    }

    @Test
    void anExternalEntityInADocxOrAnOdtDoesNotReadTheServersFiles(@TempDir Path dir) throws IOException {
        String secret = "kiln-canary-" + java.util.UUID.randomUUID();
        Path canary = Files.writeString(dir.resolve("secret.txt"), secret);
        String entity = "<!ENTITY xxe SYSTEM \"" + canary.toUri() + "\">\n";
        Path docx = packageReplacing(io.kiln.testing.Corpus.file("docx/TestTableColumns.docx"), dir.resolve("xxe.docx"),
                "word/document.xml", wordDocument(entity, "before &xxe; after"));
        Path odt = packageReplacing(io.kiln.testing.Corpus.file("odt/LibreOfficeWriter_odt_1.3.odt"), dir.resolve("xxe.odt"),
                "content.xml", odfContent(entity, "before &xxe; after"));
        // the control: the same packages, built the same way, with plain text convert and say it
        Path plainDocx = packageReplacing(io.kiln.testing.Corpus.file("docx/TestTableColumns.docx"), dir.resolve("plain.docx"),
                "word/document.xml", wordDocument("", "before plain after"));
        Path plainOdt = packageReplacing(io.kiln.testing.Corpus.file("odt/LibreOfficeWriter_odt_1.3.odt"), dir.resolve("plain.odt"),
                "content.xml", odfContent("", "before plain after"));
        for (Path plain : List.of(plainDocx, plainOdt)) {
            JsonNode job = convert(plain);
            assertThat(job.path("status").asText()).as(plain.getFileName() + ": " + job).isEqualTo("success");
            assertThat(pdfText(server.getBytes("/v1/jobs/" + job.path("id").asText() + "/output").body()))
                    .as("the PDF of " + plain.getFileName()).contains("before plain after");
        }
        for (Path document : List.of(docx, odt)) {
            Outcome o = bomb(document, "pdf");
            endsClearly("external entity naming a local file, in a " + document.getFileName(), o,
                    java.util.Set.of("", "corrupt_document"));
            if (o.job().path("status").asText().equals("success")) {
                String text = pdfText(server.getBytes("/v1/jobs/" + o.job().path("id").asText() + "/output").body());
                assertThat(text).as("the PDF of " + document.getFileName()).contains("before").doesNotContain(secret);
            }
        }
    }

    /** An SVG whose one text is {@code text}, under a DOCTYPE declaring {@code entities}. */
    private static String svg(String entities, String text) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + doctype("svg", entities)
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"60\"><text x=\"10\" y=\"30\">" + text
                + "</text></svg>";
    }

    /**
     * SVG is XML too, read by LibreOffice (a picture in a document) and by Chromium (an image or an
     * frame of a page); the Java renderer draws no SVG. A billion laughs and an external entity
     * naming a local file, in each: the conversion ends clearly within bounds, and no office output
     * holds the file (the office engine refuses both before LibreOffice opens the package).
     */
    @Test
    void anSvgOfABillionLaughsOrAnExternalEntityEndsClearlyInEveryEngineThatReadsSvg(@TempDir Path dir) throws Exception {
        String secret = "kiln-canary-" + java.util.UUID.randomUUID();
        Path canary = Files.writeString(dir.resolve("secret.txt"), secret);
        String laughs = svg(LAUGHS, "&lol9;");
        String xxe = svg("<!ENTITY xxe SYSTEM \"" + canary.toUri() + "\">\n", "before &xxe; after");
        String plain = svg("", "before plain after");
        // the office engine: each as a document's picture; the control draws its text
        JsonNode control = convert(io.kiln.testing.OutreachDocuments.odtPicturing(dir.resolve("plain.odt"), plain));
        assertThat(control.path("status").asText()).as(control.toString()).isEqualTo("success");
        assertThat(pdfText(server.getBytes("/v1/jobs/" + control.path("id").asText() + "/output").body()))
                .as("the picture's own text is drawn").contains("plain");
        for (var svg : java.util.Map.of("laughs", laughs, "xxe", xxe).entrySet()) {
            Outcome o = bomb(io.kiln.testing.OutreachDocuments.odtPicturing(dir.resolve(svg.getKey() + ".odt"), svg.getValue()), "pdf");
            endsClearly("SVG picture (" + svg.getKey() + ") in an odt", o, java.util.Set.of("", "corrupt_document", "document_too_large"));
            assertThat(outputText(server, o)).as("the PDF of the " + svg.getKey() + " odt").doesNotContain(secret);
        }
        // Chromium (and, beside it, the Java renderer of the other server): as an image and a frame of an uploaded page
        try (TestServer browsers = TestServer.start("--browsers", "1")) {
            for (TestServer s : List.of(browsers, server)) {
                for (var svg : java.util.Map.of("laughs", laughs, "xxe", xxe, "plain", plain).entrySet()) {
                    String html = "<!doctype html><p>page</p><img src='picture.svg'><iframe src='picture.svg' "
                            + "width=400 height=60></iframe>";
                    ProcessTreeMemory memory = ProcessTreeMemory.watch();
                    long started = System.nanoTime();
                    JsonNode created = json(s.postMultipart("/v1/jobs", Multipart.form()
                            .bytes("file", "page.html", html.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                            .bytes("file", "picture.svg", svg.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                            .field("to", "pdf")));
                    JsonNode job = s.awaitEnd(created.path("id").asText());
                    Outcome o = new Outcome(job, (System.nanoTime() - started) / 1_000_000, memory.stop());
                    String renderer = s == browsers ? "Chromium" : "the Java renderer";
                    endsClearly("SVG (" + svg.getKey() + ") in a page printed by " + renderer, o, java.util.Set.of(""));
                    // the page prints; whether an entity was expanded cannot be read back: Chromium's PDF
                    // holds an SVG's text as drawn glyphs, not as text (the plain control shows none either)
                    assertThat(outputText(s, o)).as(svg.getKey() + " by " + renderer).contains("page");
                }
            }
            assertThat(browsers.get("/health").statusCode()).isEqualTo(200);
        }
    }

    /** The text of a finished job's PDF, or "" when it failed. */
    private static String outputText(TestServer s, Outcome o) throws IOException {
        return o.job().path("status").asText().equals("success")
                ? pdfText(s.getBytes("/v1/jobs/" + o.job().path("id").asText() + "/output").body()) : "";
    }

    private static String pdfText(byte[] pdf) throws IOException {
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        }
    }

    /** An uncompressed greyscale TIFF whose one IFD claims {@code width} × {@code height} over 4 KiB of strip. */
    private static Path tiffClaiming(Path out, int width, int height) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 2 + 8 * 12 + 4 + 4096).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        // tag, type (3 SHORT, 4 LONG), value, in tag order as TIFF requires
        long[][] ifd = {{256, 4, width}, {257, 4, height}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1},
                {273, 4, 8 + 2 + 8 * 12 + 4}, {278, 4, height}, {279, 4, 4096}};
        b.putShort((short) ifd.length);
        for (long[] e : ifd) {
            b.putShort((short) e[0]).putShort((short) e[1]).putInt(1);
            if (e[1] == 3) {
                b.putShort((short) e[2]).putShort((short) 0);
            } else {
                b.putInt((int) e[2]);
            }
        }
        b.putInt(0); // no next IFD; the strip follows
        return Files.write(out, b.array());
    }

    @Test
    void aTiffClaiming100000By100000PixelsIsRefusedBeforeDecoding(@TempDir Path dir) throws IOException {
        endsClearly("TIFF header claiming 100,000 x 100,000", bomb(tiffClaiming(dir.resolve("huge.tiff"), 100_000, 100_000), "pdf"),
                java.util.Set.of("document_too_large"));
    }

    /** A PNG whose header claims 100,000 × 100,000 pixels (30 GB decoded) over a few bytes of data. */
    private static Path pngClaiming(Path out, int width, int height) throws IOException {
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", ihdr.array());
        java.io.ByteArrayOutputStream idat = new java.io.ByteArrayOutputStream();
        try (var z = new java.util.zip.DeflaterOutputStream(idat)) {
            z.write(new byte[4096]);
        }
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return Files.write(out, png.toByteArray());
    }

    private static void chunk(java.io.ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        crc.update(t);
        crc.update(data);
        png.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        png.write(t);
        png.write(data);
        png.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A PDF written by hand from its objects (1-based), with a correct cross-reference table. */
    private static Path pdfOf(Path out, List<String> objects) throws IOException {
        StringBuilder pdf = new StringBuilder("%PDF-1.7\n");
        List<Integer> offsets = new java.util.ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        for (int o : offsets) {
            pdf.append(String.format("%010d 00000 n \n", o));
        }
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return Files.writeString(out, pdf, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** What a bomb did: how the job ended, how long it took, and the most memory the server's process tree held. */
    private record Outcome(JsonNode job, long millis, long peakRssMiB) {
    }

    private static Outcome bomb(Path file, String to) {
        ProcessTreeMemory memory = ProcessTreeMemory.watch();
        long started = System.nanoTime();
        JsonNode created = json(server.postMultipart("/v1/jobs", Multipart.form().file("file", file).field("to", to)));
        JsonNode job = created.has("id") ? server.awaitEnd(created.path("id").asText()) : created;
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new Outcome(job, millis, memory.stop());
    }

    private static void endsClearly(String what, Outcome o, java.util.Set<String> codes) {
        Figures.of("5. " + what).put("ended", o.job().path("status").asText() + " "
                        + o.job().path("error").path("code").asText(o.job().path("code").asText()))
                .put("time (ms)", o.millis()).put("process tree RSS, peak (MiB)", o.peakRssMiB()).report();
        String code = o.job().path("error").path("code").asText(o.job().path("code").asText());
        assertThat(code).as(what + ": " + o.job()).isIn(codes);
        assertThat(o.millis()).as(what + " ends well within the task limit").isLessThan(120_000);
        assertThat(o.peakRssMiB()).as(what + ": the process tree's memory, MiB").isLessThan(RSS_BOUND_MIB);
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    /**
     * The stated bound: the one office process's address-space limit ({@code --office-memory}, which a
     * spreadsheet of a million range formulas reaches) and 1 GiB for the test JVM that hosts the server
     * ({@code -Xmx1g}); far from the machine's 24 GiB.
     */
    private static final long RSS_BOUND_MIB = (io.kiln.engine.libreoffice.LibreOfficeSettings.DEFAULT_MEMORY_LIMIT >> 20) + 1024;

    @Test
    void aPngClaiming100000By100000PixelsIsRefusedBeforeDecoding(@TempDir Path dir) throws IOException {
        endsClearly("PNG header claiming 100,000 x 100,000", bomb(pngClaiming(dir.resolve("huge.png"), 100_000, 100_000), "pdf"),
                java.util.Set.of("document_too_large"));
    }

    @Test
    void aSpreadsheetOfAMillionRangeFormulasFailsAsTooLargeAtTheOfficeMemoryLimit(@TempDir Path dir) throws IOException {
        // the control: the same workbooks at 50 rows convert and show their values
        for (Path small : List.of(FormulaWorkbook.xlsx(dir.resolve("small.xlsx"), FormulaWorkbook.Formula.MAX_OF_ALL_ABOVE, 50),
                FormulaWorkbook.ods(dir.resolve("small.ods"), FormulaWorkbook.Formula.MAX_OF_ALL_ABOVE, 50))) {
            JsonNode job = convert(small);
            assertThat(job.path("status").asText()).as(small.getFileName() + ": " + job).isEqualTo("success");
            assertThat(pdfText(server.getBytes("/v1/jobs/" + job.path("id").asText() + "/output").body()))
                    .as("the PDF of " + small.getFileName()).contains("49").contains("50").doesNotContain("Err");
        }
        List<Path> bombs = new java.util.ArrayList<>(
                List.of(FormulaWorkbook.xlsx(dir.resolve("max.xlsx"), FormulaWorkbook.Formula.MAX_OF_ALL_ABOVE, 1_000_000)));
        if (Scale.full()) {
            bombs.add(FormulaWorkbook.ods(dir.resolve("max.ods"), FormulaWorkbook.Formula.MAX_OF_ALL_ABOVE, 1_000_000));
        }
        for (Path bomb : bombs) {
            assertThat(Files.size(bomb)).as("the workbook is small on the wire").isLessThan(8L << 20);
            // every cell listens to the range above it: unbounded, LibreOffice took all 24 GiB in 160 s
            endsClearly("1,000,000 rows of MAX(A1:An-1)+1 in a " + bomb.getFileName(), bomb(bomb, "pdf"),
                    java.util.Set.of("document_too_large"));
            JsonNode next = convert(io.kiln.testing.Corpus.file("docx/2pic.docx"));
            assertThat(next.path("status").asText()).as(next.toString()).isEqualTo("success");
        }
    }

    @Test
    void aSpreadsheetOfAMillionChainedFormulasIsRefusedOverThePageLimit(@TempDir Path dir) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Scale.full(), "a minute of LibreOffice: the full run only");
        Path chain = FormulaWorkbook.xlsx(dir.resolve("chain.xlsx"), FormulaWorkbook.Formula.CHAIN, 1_000_000);
        // LibreOffice holds it in bounded memory and lays out every page; the page limit applies to the PDF
        endsClearly("1,000,000 rows of An-1+1 in a chain.xlsx", bomb(chain, "pdf"), java.util.Set.of("too_many_pages"));
        assertThat(convert(io.kiln.testing.Corpus.file("docx/2pic.docx")).path("status").asText()).isEqualTo("success");
    }

    @Test
    void aPdfWhosePageTreeContainsItselfEndsClearly(@TempDir Path dir) throws IOException {
        Path cycle = pdfOf(dir.resolve("cycle.pdf"), List.of("<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"));
        endsClearly("PDF page tree containing itself", bomb(cycle, "txt"), java.util.Set.of("corrupt_document", ""));
    }

    @Test
    void aPdfOfAHundredThousandPagesIsRefusedOverThePageLimit(@TempDir Path dir) throws IOException {
        StringBuilder kids = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            kids.append("3 0 R ");
        }
        Path many = pdfOf(dir.resolve("many.pdf"), List.of("<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [" + kids + "] /Count 100000 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"));
        endsClearly("PDF of 100,000 pages (one page object referenced 100,000 times)", bomb(many, "txt"),
                java.util.Set.of("too_many_pages"));
    }

    @Test
    void aPdfNestedHundredsOfThousandsDeepEndsClearly(@TempDir Path dir) throws IOException {
        String deep = "[".repeat(300_000) + "]".repeat(300_000);
        Path nested = pdfOf(dir.resolve("deep.pdf"), List.of("<< /Type /Catalog /Pages 2 0 R /Deep " + deep + " >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"));
        endsClearly("PDF nested 300,000 arrays deep", bomb(nested, "txt"), java.util.Set.of("corrupt_document", ""));
    }
}
