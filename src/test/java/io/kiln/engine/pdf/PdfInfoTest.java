package io.kiln.engine.pdf;

import static io.kiln.engine.pdf.PdfTasks.convert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kiln.engine.ProducedFile;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfInfoTest {

    @TempDir
    Path work;

    @Test
    void describesAPlainDocument() throws Exception {
        ProducedFile out = convert(work, "info", Map.of(), "pdf/pdflatex-4-pages.pdf").getFirst();
        JsonNode info = new ObjectMapper().readTree(out.path().toFile());

        assertThat(out.name()).isEqualTo("out.json");
        assertThat(out.ext()).isEqualTo("json");
        assertThat(out.pageCount()).isNull();
        assertThat(info.get("pageCount").asInt()).isEqualTo(4);
        assertThat(info.get("pdfVersion").asText()).isEqualTo("1.5");
        assertThat(info.get("encrypted").asBoolean()).isFalse();
        assertThat(info.get("permissions").get("canPrint").asBoolean()).isTrue();
        assertThat(info.get("metadata").get("creator").asText()).isEqualTo("TeX");
        assertThat(info.get("metadata").get("producer").asText()).startsWith("pdfTeX");
        assertThat(info.get("metadata").get("creationDate").asText()).isEqualTo("2022-04-03T19:59:45+02:00");
        assertThat(info.get("metadata").get("title").isNull()).isTrue();
        assertThat(info.get("firstPageSize").get("width").asDouble()).isEqualTo(595.28);
        assertThat(info.get("firstPageSize").get("height").asDouble()).isEqualTo(841.89);
        assertThat(info.get("hasForm").asBoolean()).isFalse();
        assertThat(info.get("hasOutline").asBoolean()).isFalse();
        assertThat(info.get("attachments").asInt()).isZero();
    }

    @Test
    void reportsFormsOutlinesAndAttachments() throws Exception {
        assertThat(info("pdf/pdflatex-forms.pdf").get("hasForm").asBoolean()).isTrue();
        assertThat(info("pdf/pdflatex-outline.pdf").get("hasOutline").asBoolean()).isTrue();
        assertThat(info("pdf/with-attachment.pdf").get("attachments").asInt()).isEqualTo(1);
    }

    @Test
    void reportsEncryptionAndRestrictedPermissions() throws Exception {
        // opens without a password (empty user password) but the owner restricted what a reader may do
        JsonNode info = info("bad/testPDF_protected.pdf");

        assertThat(info.get("encrypted").asBoolean()).isTrue();
        assertThat(info.get("encryptionKeyBits").asInt()).isPositive();
        assertThat(info.get("pageCount").asInt()).isEqualTo(41);
        assertThat(info.get("permissions").get("canModify").asBoolean()).isFalse();
    }

    @Test
    void describesTheLargeBookQuickly() throws Exception {
        assertThat(info("pdf/freeculture.pdf").get("pageCount").asInt()).isEqualTo(352);
    }

    private JsonNode info(String corpusFile) throws Exception {
        Path dir = work.resolve(corpusFile.replace('/', '_'));
        java.nio.file.Files.createDirectories(dir);
        return new ObjectMapper().readTree(convert(dir, "info", Map.of(), corpusFile).getFirst().path().toFile());
    }
}
