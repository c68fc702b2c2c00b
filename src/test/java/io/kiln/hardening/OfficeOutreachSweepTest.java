package io.kiln.hardening;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Multipart;
import io.kiln.testing.OutreachDocuments;
import io.kiln.testing.OutreachDocuments.Outreach;
import io.kiln.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 4, no way out, for documents: office files that reach for a canary by every mechanism
 * their formats have (linked images, Word fields, an attached template, a linked OLE object,
 * XInclude, WEBSERVICE, external workbook links, linked sections and sheets, an SVG picture pointing
 * out), uploaded through the API and converted to PDF and to their own family's other format. The
 * canary must never hear a request, and each conversion ends in success or a clear code, never an
 * internal error. The same documents reach for a local file by {@code file:} URLs: its text must
 * not turn up in any output. (Which of these mechanisms LibreOffice would follow if let is shown by
 * {@code engine/libreoffice/SafetyTest}, in an office with its default profile.)
 */
@Tag("hardening")
class OfficeOutreachSweepTest {

    /** The other format of each source's family, so export filters are tried besides PDF's. */
    private static final Map<String, String> SIBLING = Map.of("docx", "odt", "odt", "docx", "rtf", "docx",
            "xlsx", "ods", "ods", "xlsx", "csv", "xlsx", "odp", "pptx");

    @Test
    void noOfficeDocumentReachesTheCanary(@TempDir Path dir) throws Exception {
        LoopbackCanary canary = new LoopbackCanary(404);
        List<String> hits = canary.hits();
        int port = canary.port();
        // a local file the documents also reach for: its words must not turn up in any output
        String secret = "KILNLOCALSECRET" + Long.toHexString(System.nanoTime());
        Path local = Files.writeString(dir.resolve("secret.txt"), secret + "\n");
        List<Outreach> documents = new ArrayList<>();
        for (String base : List.of("http://127.0.0.1:" + port, "http://[::1]:" + port, "http://localhost:" + port,
                "file://" + local.toAbsolutePath() + "?")) {
            Path sub = Files.createDirectories(dir.resolve("d" + documents.size()));
            documents.addAll(OutreachDocuments.all(sub, mechanism -> base + "/" + mechanism));
            documents.addAll(OutreachDocuments.all(Files.createDirectories(sub.resolve("plain-file")),
                    mechanism -> base.startsWith("file:") ? local.toUri().toString() : base + "/" + mechanism));
        }
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        try (TestServer server = TestServer.start("--office-processes", "1")) {
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> json(server.get("/ready"))
                    .path("engines").path("libreoffice").path("state").asText().equals("ready"));
            Map<String, String> ids = new LinkedHashMap<>(); // job id -> what it converts
            for (Outreach d : documents) {
                String from = d.file().getFileName().toString().replaceAll(".*\\.", "");
                for (String to : List.of("pdf", SIBLING.get(from))) {
                    JsonNode created = json(server.postMultipart("/v1/jobs", Multipart.form().file("file", d.file()).field("to", to)));
                    assertThat(created.path("id").asText()).as(d.mechanism() + " to " + to + ": " + created).isNotBlank();
                    ids.put(created.path("id").asText(), d.file() + " to " + to);
                }
            }
            int leaks = 0;
            for (var e : ids.entrySet()) {
                JsonNode job = server.awaitEnd(e.getKey());
                String outcome = job.path("status").asText().equals("success") ? "success" : job.path("error").path("code").asText();
                outcomes.merge(outcome, 1, Integer::sum);
                if (!outcome.equals("success") && !outcome.equals("corrupt_document")) {
                    wrong.add(e.getValue() + ": " + job);
                } else if (outcome.equals("success")) {
                    byte[] out = server.getBytes("/v1/jobs/" + e.getKey() + "/output").body();
                    String text = e.getValue().endsWith(" to pdf") ? pdfText(out) : packageText(out);
                    if (text.contains(secret)) {
                        leaks++;
                        wrong.add(e.getValue() + ": the local file's text is in the output");
                    } else if (e.getValue().endsWith(" to pdf") && !text.contains("Outreach")) {
                        wrong.add(e.getValue() + ": the document's own text is missing: " + text);
                    }
                }
            }
            Figures.of("4. SSRF sweep: office documents reaching out").put("documents", documents.size())
                    .put("conversions", ids.size()).put("outcomes", outcomes).put("canary hits", hits.size())
                    .put("outputs holding the local file", leaks).report();
            assertThat(hits).as("requests that reached the canary").isEmpty();
            assertThat(wrong).as("conversions that leaked, lost the document, or ended in neither success nor a clear refusal")
                    .isEmpty();
            assertThat(server.get("/health").statusCode()).isEqualTo(200);
        } finally {
            canary.close();
        }
    }

    private static String pdfText(byte[] pdf) throws java.io.IOException {
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        }
    }

    /** Every entry of a zip package (docx, ods...) or the bytes themselves, as text to search. */
    private static String packageText(byte[] bytes) throws java.io.IOException {
        StringBuilder all = new StringBuilder(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
        try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(bytes))) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                all.append(new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }
}
