package io.kiln.engine.pdf;

import static io.kiln.engine.pdf.PdfTasks.convert;
import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.engine.ProducedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextExtractionTest {

    @TempDir
    Path work;

    @Test
    void extractsTheTextOfEveryPage() throws Exception {
        List<ProducedFile> out = convert(work, "txt", Map.of(), "pdf/pdflatex-4-pages.pdf");

        assertThat(out).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("out.txt");
            assertThat(f.ext()).isEqualTo("txt");
            assertThat(f.pageCount()).isNull();
            assertThat(f.path().getParent()).isEqualTo(work);
        });
        assertThat(Files.readString(out.getFirst().path()))
                .contains("Hello, here is some text without a meaning")
                .contains("Huardest gefburn")
                .contains("length of words should match the language");
    }

    @Test
    void extractsOnlyTheSelectedPagesInTheGivenOrder() throws Exception {
        String text = Files.readString(convert(work, "txt", Map.of("pages", "3,2"), "pdf/pdflatex-4-pages.pdf")
                .getFirst().path());

        // each page ends with its page number on a line of its own
        assertThat(text.lines().filter(line -> line.matches("\\d+"))).containsExactly("3", "2");
    }

    @Test
    void readsAnEncryptedDocumentWithItsPassword() throws Exception {
        String text = Files.readString(convert(work, "txt", Map.of("password", "openpassword"),
                "bad/libreoffice-writer-password.pdf").getFirst().path());

        assertThat(text).contains("Lorem ipsum dolor sit amet");
    }

    @Test
    void readsNonLatinText() throws Exception {
        String text = Files.readString(convert(work, "txt", Map.of(), "pdf/issue16063.pdf").getFirst().path());

        assertThat(text.codePoints()).anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                || Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA
                || Character.UnicodeScript.of(c) == Character.UnicodeScript.KATAKANA);
    }
}
