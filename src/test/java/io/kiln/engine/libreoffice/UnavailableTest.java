package io.kiln.engine.libreoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.engine.Availability;
import io.kiln.engine.Capability;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.testing.Corpus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without LibreOffice the engine says so, and its conversions fail cleanly; settings are checked. */
class UnavailableTest {

    @TempDir
    Path dir;

    @Test
    void aPoolWithoutLibreOfficeIsUnavailableAndRefusesWork() throws Exception {
        LibreOfficeSettings settings = LibreOfficeSettings.defaults(dir).withOfficeHome(dir.resolve("no-office"));
        try (LibreOfficePool pool = new LibreOfficePool(settings)) {
            LibreOfficeConverter converter = new LibreOfficeConverter(pool);

            assertThat(converter.availability().state()).isEqualTo(Availability.State.UNAVAILABLE);
            assertThat(converter.availability().detail()).contains("not installed", "no-office");
            assertThatThrownBy(() -> converter.convert(OfficeTasks.task(Corpus.file("docx/TestTableColumns.docx"),
                    "pdf", Map.of()))).isInstanceOf(ConversionFailed.class)
                    .satisfies(e -> assertThat(((ConversionFailed) e).code()).isEqualTo(ErrorCode.ENGINE_UNAVAILABLE));
            assertThat(pool.restarts().values()).containsOnly(0L);
        }
    }

    @Test
    void theEngineDeclaresOneInputConversionsOfEveryFamily() {
        LibreOfficeSettings settings = LibreOfficeSettings.defaults(dir).withOfficeHome(dir.resolve("no-office"));
        try (LibreOfficePool pool = new LibreOfficePool(settings)) {
            LibreOfficeConverter converter = new LibreOfficeConverter(pool);

            assertThat(converter.engine()).isEqualTo("libreoffice");
            assertThat(converter.queueAllowance()).isEqualTo(LibreOfficeSettings.DEFAULT_QUEUE_TIMEOUT);
            assertThat(converter.capabilities()).allSatisfy(c -> assertThat(c.inputs()).isEqualTo(Capability.Inputs.ONE));
            assertThat(converter.capabilities()).anySatisfy(c -> assertThat(c.accepts("txt", "pdf")).isTrue())
                    .anySatisfy(c -> assertThat(c.accepts("csv", "xlsx")).isTrue())
                    .anySatisfy(c -> assertThat(c.accepts("ppt", "odp")).isTrue())
                    .anySatisfy(c -> assertThat(c.accepts("pdf", "docx")).isTrue())
                    .noneSatisfy(c -> assertThat(c.accepts("pptx", "docx")).isTrue());
        }
    }

    @Test
    void badSettingsAreRefusedWithAReason() {
        LibreOfficeSettings ok = LibreOfficeSettings.defaults(dir);

        assertThatThrownBy(() -> ok.withProcesses(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("processes");
        assertThatThrownBy(() -> ok.withMaxTasksPerProcess(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ok.withQueueTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(ok.workDir()).isEqualTo(dir.resolve("office"));
        assertThat(ok.processes()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
