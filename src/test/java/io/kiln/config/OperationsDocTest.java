package io.kiln.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code docs/operations.md} lists every setting exactly as {@link Setting} defines it. */
class OperationsDocTest {

    static final Path DOC = Path.of("docs", "operations.md");
    private static final String BEGIN = "<!-- settings: generated from config/Setting.java by SettingsTable; OperationsDocTest keeps it so -->\n";
    private static final String END = "<!-- settings end -->";

    @Test
    void theSettingsTableIsTheOneTheSettingsDefine() throws IOException {
        String doc = Files.readString(DOC);
        assertThat(doc).contains(BEGIN, END);
        String table = doc.substring(doc.indexOf(BEGIN) + BEGIN.length(), doc.indexOf(END));
        assertThat(table).as("docs/operations.md's settings table; replace it with the expected one")
                .isEqualTo(SettingsTable.markdown());
    }
}
