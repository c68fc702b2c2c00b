package io.kiln.engine.ocr;

import static io.kiln.engine.ocr.OcrTasks.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.engine.Availability;
import io.kiln.engine.Capability;
import io.kiln.engine.ConverterRegistry;
import io.kiln.error.RequestRejected;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.testing.Corpus;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallationTest {

    @TempDir
    Path work;

    @Test
    void withoutTesseractTheEngineSaysWhyAndConvertsNothing() {
        OcrConverter converter = new OcrConverter(TesseractInstallation.probe("/nonexistent/tesseract"), 2);

        assertThat(converter.availability().state()).isEqualTo(Availability.State.UNAVAILABLE);
        assertThat(converter.availability().detail()).startsWith("Tesseract is not installed");
        assertThat(converter.about()).isEmpty();
        assertThat(converter.capabilities()).isNotEmpty();
        Path png = Corpus.file("images/testOCR.png");
        assertThatThrownBy(() -> converter.convert(task("png", "ocr", png, Map.of(), work)))
                .isInstanceOfSatisfying(ConversionFailed.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ENGINE_UNAVAILABLE));
    }

    @Test
    void aboutNamesTheVersionAndTheLanguagesThatCanBeAskedFor() {
        OcrConverter converter = OcrTasks.converter();

        assertThat(converter.availability().isReady()).isTrue();
        assertThat(converter.about().get("version")).matches("\\d+\\.\\d+.*");
        assertThat(converter.about().get("languages").split(",")).contains("eng").doesNotContain("osd");
    }

    @Test
    void anUninstalledLanguageIsRefusedWhenTheJobIsSubmitted() {
        OcrConverter converter = OcrTasks.converter();
        Capability cap = converter.capabilities().getFirst();

        assertThatThrownBy(() -> ConverterRegistry.validate(cap, Map.of("lang", "eng+klingon")))
                .isInstanceOfSatisfying(RequestRejected.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION);
                    assertThat(e.getMessage()).contains("lang must be one or more of").contains("eng");
                });
        ConverterRegistry.validate(cap, Map.of("lang", "eng"));
    }

    @Test
    void searchablePdfAndTextComeFromPdfsAndImages() {
        OcrConverter converter = new OcrConverter(TesseractInstallation.probe("/nonexistent/tesseract"), 1);

        for (String from : new String[] {"pdf", "png", "jpg", "tiff"}) {
            assertThat(converter.capabilities()).anySatisfy(c -> {
                assertThat(c.accepts(from, "ocr")).isTrue();
                assertThat(c.outputExt()).isEqualTo("pdf");
            });
            assertThat(converter.capabilities()).anySatisfy(c -> {
                assertThat(c.accepts(from, "ocr-txt")).isTrue();
                assertThat(c.outputExt()).isEqualTo("txt");
            });
        }
        assertThat(converter.capabilities()).allSatisfy(c -> assertThat(c.inputs()).isEqualTo(Capability.Inputs.ONE));
        assertThat(converter.capabilities().stream().filter(c -> c.from().contains("pdf")).findFirst().orElseThrow()
                .options()).extracting(o -> o.name()).contains("lang", "pages", "dpi", "psm", "password");
    }
}
