package io.kiln.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void anExtensionIsLowerCaseAndSpelledAsKilnSpellsIt() {
        assertThat(FileNames.extension("Report.PDF")).isEqualTo("pdf");
        assertThat(FileNames.extension("scan.jpeg")).isEqualTo("jpg");
        assertThat(FileNames.extension("README")).isEmpty();
    }

    /** Found by the schema-driven fuzzer: an upload so named, of content no format claims, was a 500. */
    @Test
    void anExtensionTooLongToBeOneIsNone() {
        assertThat(FileNames.extension("doc." + "x".repeat(60))).isEmpty();
        assertThat(FileNames.extension("a." + "x".repeat(16))).hasSize(16);
        assertThat(FileNames.extension("a." + "x".repeat(17))).isEmpty();
    }
}
