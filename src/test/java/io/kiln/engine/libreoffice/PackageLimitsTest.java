package io.kiln.engine.libreoffice;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.testing.Corpus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Office packages that would expand past a conversion's share are refused before LibreOffice opens them. */
class PackageLimitsTest {

    private final PackageLimits limits = new PackageLimits(64L << 20, 1000);

    @Test
    void realDocumentsPass() {
        for (String f : new String[] {"docx/2pic.docx", "xlsx/" + first("xlsx"), "pptx/" + first("pptx"),
                "odt/" + first("odt"), "doc/" + first("doc")}) {
            assertThatCode(() -> limits.check(Corpus.file(f))).as(f).doesNotThrowAnyException();
        }
    }

    @Test
    void aPackageThatInflatesPastTheLimitIsRefusedWhateverItsEntriesClaim(@TempDir Path dir) throws IOException {
        Path bomb = dir.resolve("bomb.docx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes());
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 80; i++) { // 80 MiB of text in well under a megabyte
                zip.write(zeros);
            }
        }
        assertThatThrownBy(() -> limits.check(bomb)).isInstanceOf(ConversionFailed.class)
                .hasMessageContaining("expands to more than 64 MiB")
                .extracting(e -> ((ConversionFailed) e).code()).isEqualTo(ErrorCode.DOCUMENT_TOO_LARGE);
    }

    private static final String LAUGHS = "<!ENTITY l0 \"lol\">" + java.util.stream.IntStream.range(1, 10)
            .mapToObj(i -> "<!ENTITY l" + i + " \"" + ("&l" + (i - 1) + ";").repeat(10) + "\">")
            .collect(java.util.stream.Collectors.joining());

    private static Path odtPicturing(Path dir, String name, String svg) throws IOException {
        return io.kiln.testing.OutreachDocuments.odtPicturing(dir.resolve(name), svg);
    }

    /** Before, LibreOffice expanded it drawing the picture, busy for the job's whole 120 s. */
    @Test
    void anSvgPictureOfABillionLaughsIsRefused(@TempDir Path dir) throws IOException {
        Path odt = odtPicturing(dir, "laughs.odt", "<?xml version=\"1.0\"?><!-- a drawing -->\n<!DOCTYPE svg [" + LAUGHS
                + "]><svg xmlns=\"http://www.w3.org/2000/svg\"><text>&l9;</text></svg>");

        assertThatThrownBy(() -> limits.check(odt)).isInstanceOf(ConversionFailed.class)
                .hasMessageContaining("Pictures/picture.svg").hasMessageContaining("entities")
                .extracting(e -> ((ConversionFailed) e).code()).isEqualTo(ErrorCode.DOCUMENT_TOO_LARGE);
    }

    @Test
    void anSvgPictureDeclaringAnExternalEntityIsRefused(@TempDir Path dir) throws IOException {
        Path odt = odtPicturing(dir, "xxe.odt", "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&x;</text></svg>");

        assertThatThrownBy(() -> limits.check(odt)).isInstanceOf(ConversionFailed.class)
                .hasMessageContaining("external XML entity (x)")
                .extracting(e -> ((ConversionFailed) e).code()).isEqualTo(ErrorCode.CORRUPT_DOCUMENT);
    }

    /** Drawing programs declare a few plain entities (Illustrator: its namespaces); those are fine. */
    @Test
    void anSvgPictureWithPlainEntitiesPasses(@TempDir Path dir) throws IOException {
        Path odt = odtPicturing(dir, "plain.odt", "<?xml version=\"1.0\"?><!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
                + "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\" [<!ENTITY ns_svg \"http://www.w3.org/2000/svg\">"
                + "<!ENTITY ns_xlink \"http://www.w3.org/1999/xlink\">]><svg xmlns=\"&ns_svg;\" xmlns:xlink=\"&ns_xlink;\">"
                + "<text>plain</text></svg>");

        assertThatCode(() -> limits.check(odt)).doesNotThrowAnyException();
    }

    @Test
    void aPackageOfCountlessTinyPartsIsRefused(@TempDir Path dir) throws IOException {
        Path many = dir.resolve("many.xlsx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(many))) {
            for (int i = 0; i <= 1000; i++) {
                zip.putNextEntry(new ZipEntry("xl/part" + i + ".xml"));
            }
        }
        assertThatThrownBy(() -> limits.check(many)).isInstanceOf(ConversionFailed.class)
                .hasMessageContaining("more than 1000 parts");
    }

    @Test
    void aFileThatOnlyLooksLikeAZipIsLeftToLibreOffice(@TempDir Path dir) throws IOException {
        Path truncated = dir.resolve("cut.docx");
        try (OutputStream out = Files.newOutputStream(truncated)) {
            out.write(new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        }
        assertThatCode(() -> limits.check(truncated)).doesNotThrowAnyException();
    }

    private static String first(String dir) {
        try (var files = Files.list(Corpus.root().resolve(dir))) {
            return files.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
