package io.kiln.engine.pdf;

import static io.kiln.engine.pdf.PdfTasks.convert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.testing.Poppler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** set-metadata and metadata: what is written reads back, in poppler's pdfinfo and in Kiln's own reading, XMP included. */
class MetadataTest {

    @TempDir
    Path work;

    @Test
    void writtenValuesReadBackInTheDictionaryAndTheXmpPacket() throws Exception {
        ProducedFile out = convert(work, "set-metadata", Map.of("title", "Quarterly report", "author", "",
                "keywords", "sales, 2026", "custom", "{\"Department\":\"Sales & Ops\",\"Reviewed\":\"yes\"}"),
                "pdf/text_only_pdfa1b.pdf").getFirst();

        String custom = Poppler.run("pdfinfo", "-custom", out.path().toString());
        assertThat(Poppler.info(out.path(), "Title")).isEqualTo("Quarterly report");
        assertThat(Poppler.info(out.path(), "Author")).as("an empty value removes the entry").isEmpty();
        assertThat(Poppler.info(out.path(), "Keywords")).isEqualTo("sales, 2026");
        assertThat(Poppler.info(out.path(), "Producer")).as("what was not named stays").isEqualTo("Acrobat Distiller 9.5.2 (Windows)");
        assertThat(custom).contains("Department:").contains("Sales & Ops").contains("Reviewed:");
        String xmp = Poppler.run("pdfinfo", "-meta", out.path().toString());
        assertThat(xmp).as("the XMP packet agrees").contains("Quarterly report").contains("sales, 2026")
                .doesNotContain("van der Knijff").doesNotContain("This is a test document");
        assertThat(Poppler.text(out.path())).as("the content is untouched").isEqualTo(Poppler.text(
                io.kiln.testing.Corpus.file("pdf/text_only_pdfa1b.pdf")));

        JsonNode read = new ObjectMapper().readTree(Files.readString(
                convert(work.resolve("read"), "metadata", Map.of(), out.path()).getFirst().path()));
        assertThat(read.path("info").path("Title").asText()).isEqualTo("Quarterly report");
        assertThat(read.path("info").path("Department").asText()).isEqualTo("Sales & Ops");
        assertThat(read.path("info").has("Author")).isFalse();
        assertThat(read.path("info").path("ModDate").asText()).as("ISO-8601").matches("\\d{4}-\\d\\d-\\d\\dT.*");
        assertThat(read.path("xmp").asText()).contains("Quarterly report");
    }

    @Test
    void aDocumentWithoutXmpGetsNoneAndNullRemovesACustomKey() throws Exception {
        ProducedFile first = convert(work, "set-metadata", Map.of("custom", "{\"Project\":\"Kiln\"}"),
                "pdf/pdflatex-4-pages.pdf").getFirst();
        ProducedFile second = convert(work.resolve("again"), "set-metadata", Map.of("custom", "{\"Project\":null}",
                "subject", "blind text"), first.path()).getFirst();
        JsonNode read = new ObjectMapper().readTree(Files.readString(
                convert(work.resolve("read"), "metadata", Map.of(), second.path()).getFirst().path()));
        assertThat(read.path("info").has("Project")).isFalse();
        assertThat(read.path("info").path("Subject").asText()).isEqualTo("blind text");
        assertThat(read.path("xmp").isNull()).isTrue();
    }

    @Test
    void whatCannotBeWrittenIsRefusedWithTheReason() {
        assertThatThrownBy(() -> convert(work, "set-metadata", Map.of(), "pdf/minimal-document.pdf"))
                .isInstanceOf(ConversionFailed.class).hasMessageContaining("at least one")
                .satisfies(e -> assertThat(((ConversionFailed) e).code()).isEqualTo(ErrorCode.INVALID_OPTION));
        assertThatThrownBy(() -> convert(work, "set-metadata", Map.of("custom", "{nope"), "pdf/minimal-document.pdf"))
                .isInstanceOf(ConversionFailed.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> convert(work, "set-metadata", Map.of("custom", "{\"ModDate\":\"x\"}"), "pdf/minimal-document.pdf"))
                .isInstanceOf(ConversionFailed.class).hasMessageContaining("cannot be a key");
        assertThatThrownBy(() -> convert(work, "set-metadata", Map.of("custom", "{\"A\":{\"b\":1}}"), "pdf/minimal-document.pdf"))
                .isInstanceOf(ConversionFailed.class).hasMessageContaining("text or null");
    }
}
