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
 * to 8 GB), and the office engine serves the next document.
 */
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
}
