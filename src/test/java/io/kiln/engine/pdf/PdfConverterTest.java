package io.kiln.engine.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.engine.Capability;
import io.kiln.engine.OptionSpec;
import org.junit.jupiter.api.Test;

class PdfConverterTest {

    private final PdfConverter converter = new PdfConverter();

    @Test
    void offersEveryPdfTarget() {
        assertThat(converter.engine()).isEqualTo("pdf");
        assertThat(converter.availability().isReady()).isTrue();
        assertThat(converter.capabilities()).extracting(Capability::to).containsExactlyInAnyOrder(
                "txt", "text-json", "xlsx", "png", "jpg", "tiff", "pdf", "merge", "split", "info", "rotate", "encrypt", "decrypt",
                "remove-pages", "extract-pages", "reorder", "metadata", "set-metadata", "watermark", "stamp", "page-numbers", "flatten", "form-fields", "form-data", "fill-form", "redact",
                "protect", "unprotect", "pdfa", "compress");
        assertThat(converter.capabilities()).allSatisfy(c -> {
            assertThat(c.from()).containsExactly("pdf");
            assertThat(c.options()).extracting(OptionSpec::name).contains("password");
        });
    }

    @Test
    void mergeTargetsTakeManyInputsMarksAndFillFormASecondFileAfterTheDocumentAndTheRestOne() {
        assertThat(converter.capabilities()).allSatisfy(c -> assertThat(c.inputs()).as(c.to()).isEqualTo(
                c.to().equals("pdf") || c.to().equals("merge") ? Capability.Inputs.MANY
                        : java.util.Set.of("watermark", "stamp", "fill-form").contains(c.to()) ? Capability.Inputs.ASSETS
                        : Capability.Inputs.ONE));
    }

    @Test
    void declaredOptionsCheckTheirValues() {
        OptionSpec dpi = option("png", "dpi");
        assertThat(dpi.check("150")).isEmpty();
        assertThat(dpi.check("601")).isPresent();
        assertThat(dpi.check("9")).isPresent();
        OptionSpec angle = option("rotate", "angle");
        assertThat(angle.check("180")).isEmpty();
        assertThat(angle.check("45")).isPresent();
        assertThat(option("encrypt", "allowPrint").check("false")).isEmpty();
        assertThat(option("split", "pages").check("1-2,3,5-")).isEmpty();
    }

    private OptionSpec option(String to, String name) {
        return converter.capabilities().stream().filter(c -> c.to().equals(to)).findFirst().orElseThrow()
                .options().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
    }
}
