package io.kiln.engine.pdf;

import static io.kiln.engine.pdf.PdfTasks.convert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.testing.Corpus;
import io.kiln.testing.Poppler;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.color.PDColor;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationSquare;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** form-fields, form-data, fill-form and flatten: values read back, filled text shown, flattened pages looking as before. */
class FormsAndFlatteningTest {

    private static final String FORM = "pdf/pdflatex-forms.pdf";
    private static final String TAX = "pdf/prefilled_f1040.pdf";

    @TempDir
    Path work;

    @Test
    void formFieldsListsEveryFieldWithItsTypeAndValue() throws Exception {
        JsonNode fields = fields(convert(work, "form-fields", Map.of(), FORM).getFirst().path());
        assertThat(fields.findValuesAsText("name")).containsExactly("Name", "Check", "Submit");
        assertThat(fields.findValuesAsText("type")).containsExactly("text", "checkbox", "button");
        JsonNode tax = fields(convert(work.resolve("tax"), "form-fields", Map.of(), Corpus.file(TAX)).getFirst().path());
        assertThat(tax.size()).isGreaterThan(200);
        assertThat(tax.findValuesAsText("value")).contains("foobar", "Yes");
    }

    @Test
    void fillFormWritesValuesThatShowAndReadBackAndCanFlattenThem() throws Exception {
        ProducedFile filled = convert(work, "fill-form", Map.of("fields", "{\"Name\":\"Ada Lovelace\"}"), FORM).getFirst();
        assertThat(Poppler.text(filled.path())).as("the value is drawn").contains("Ada Lovelace");
        JsonNode after = fields(convert(work.resolve("read"), "form-fields", Map.of(), filled.path()).getFirst().path());
        assertThat(after.get(0).path("value").asText()).isEqualTo("Ada Lovelace");

        ProducedFile flat = convert(work.resolve("flat"), "fill-form", Map.of("fields", "{\"Name\":\"Grace Hopper\"}",
                "flatten", "true"), Corpus.file(FORM)).getFirst();
        assertThat(Poppler.text(flat.path())).contains("Grace Hopper");
        assertThat(fields(convert(work.resolve("flat-read"), "form-fields", Map.of(), flat.path()).getFirst().path()))
                .as("no fields left to fill").isEmpty();
    }

    @Test
    void formDataExportsTheValuesAsXfdfAndFdfThatFormToolsReadBack() throws Exception {
        ProducedFile filled = convert(work, "fill-form", Map.of("fields", "{\"Name\":\"Ada Lovelace\"}"), FORM).getFirst();
        ProducedFile xfdf = convert(work.resolve("xfdf"), "form-data", Map.of(), filled.path()).getFirst();
        assertThat(xfdf.path().toString()).endsWith(".xfdf");
        var xml = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xfdf.path().toFile());
        var names = xml.getElementsByTagName("field");
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i < names.getLength(); i++) {
            var field = (org.w3c.dom.Element) names.item(i);
            values.put(field.getAttribute("name"), field.getElementsByTagName("value").getLength() == 0 ? ""
                    : field.getElementsByTagName("value").item(0).getTextContent());
        }
        assertThat(values).containsEntry("Name", "Ada Lovelace").containsKey("Check");

        ProducedFile fdf = convert(work.resolve("fdf"), "form-data", Map.of("format", "fdf"), filled.path()).getFirst();
        try (var read = Loader.loadFDF(fdf.path().toFile())) {
            assertThat(read.getCatalog().getFDF().getFields()).anySatisfy(f -> {
                assertThat(f.getPartialFieldName()).isEqualTo("Name");
                assertThat(f.getValue()).isEqualTo("Ada Lovelace");
            });
        }
        String tax = Files.readString(convert(work.resolve("tax"), "form-data", Map.of(), Corpus.file(TAX)).getFirst().path());
        assertThat(tax).contains("foobar");
        assertThatThrownBy(() -> convert(work.resolve("none"), "form-data", Map.of(), "pdf/minimal-document.pdf"))
                .isInstanceOf(ConversionFailed.class).hasMessageContaining("no form fields");
    }

    @Test
    void fillFormTakesTheValuesFromAnXfdfOrFdfFileAfterTheDocument() throws Exception {
        ProducedFile filled = convert(work, "fill-form", Map.of("fields", "{\"Name\":\"Ada Lovelace\",\"Check\":true}"), FORM).getFirst();
        for (String format : java.util.List.of("xfdf", "fdf")) {
            Path data = convert(work.resolve(format), "form-data", Map.of("format", format), filled.path()).getFirst().path();
            var task = new io.kiln.engine.ConversionTask("pdf", "fill-form", java.util.List.of(Corpus.file(FORM), data),
                    new io.kiln.engine.Options(Map.of()), Files.createDirectories(work.resolve(format + "-in")), "out",
                    java.time.Duration.ofMinutes(1), 100);
            ProducedFile imported = new PdfConverter().convert(task).getFirst();
            JsonNode after = fields(convert(work.resolve(format + "-read"), "form-fields", Map.of(), imported.path()).getFirst().path());
            assertThat(after.get(0).path("value").asText()).as(format).isEqualTo("Ada Lovelace");
            assertThat(after.get(1).path("value").asText()).as(format).isNotEqualTo("Off");
            assertThat(Poppler.text(imported.path())).contains("Ada Lovelace");
        }
        Path junk = Files.writeString(work.resolve("junk.xml"), "<notes>nothing</notes>");
        var task = new io.kiln.engine.ConversionTask("pdf", "fill-form", java.util.List.of(Corpus.file(FORM), junk),
                new io.kiln.engine.Options(Map.of()), Files.createDirectories(work.resolve("junk-in")), "out",
                java.time.Duration.ofMinutes(1), 100);
        assertThatThrownBy(() -> new PdfConverter().convert(task)).isInstanceOf(ConversionFailed.class)
                .hasMessageContaining("neither FDF").hasMessageContaining("XFDF");
    }

    @Test
    void fillFormNamesEveryWrongFieldAtOnce() {
        assertThatThrownBy(() -> convert(work, "fill-form", Map.of("fields",
                "{\"Nom\":\"x\",\"Submit\":\"y\",\"Name\":[\"a\",\"b\"]}"), FORM))
                .isInstanceOf(ConversionFailed.class)
                .hasMessageContaining("'Nom' is no field").hasMessageContaining("'Submit' is a button")
                .hasMessageContaining("'Name' takes one value");
        assertThatThrownBy(() -> convert(work, "fill-form", Map.of("fields", "{\"a\":1}"), "pdf/minimal-document.pdf"))
                .isInstanceOf(ConversionFailed.class).hasMessageContaining("no form");
    }

    @Test
    void flattenKeepsWhatFilledFieldsShowAndRemovesTheFields() throws Exception {
        ProducedFile flat = convert(work, "flatten", Map.of(), TAX).getFirst();
        assertThat(fields(convert(work.resolve("read"), "form-fields", Map.of(), flat.path()).getFirst().path())).isEmpty();
        assertThat(Poppler.text(flat.path())).contains("foobar");
        assertThat(Poppler.info(flat.path(), "Pages")).isEqualTo("2");
    }

    @Test
    void anAnnotationBecomesPageContentThatLooksTheSame() throws Exception {
        Path annotated = work.resolve("annotated.pdf");
        try (PDDocument doc = Loader.loadPDF(Corpus.file("pdf/minimal-document.pdf").toFile())) {
            PDAnnotationSquare square = new PDAnnotationSquare();
            square.setRectangle(new PDRectangle(100, 500, 200, 120));
            square.setColor(new PDColor(new float[] {0.9f, 0.1f, 0.1f}, PDDeviceRGB.INSTANCE));
            square.setInteriorColor(new PDColor(new float[] {0.2f, 0.3f, 0.9f}, PDDeviceRGB.INSTANCE));
            square.constructAppearances(doc);
            doc.getPage(0).getAnnotations().add(square);
            doc.save(annotated.toFile());
        }
        ProducedFile flat = convert(work.resolve("flat"), "flatten", Map.of(), annotated).getFirst();
        BufferedImage before = render(annotated);
        BufferedImage after = render(flat.path());
        try (PDDocument doc = Loader.loadPDF(flat.path().toFile())) {
            PDPage page = doc.getPage(0);
            assertThat(page.getAnnotations()).as("annotations left").isEmpty();
        }
        // the square's fill, in the middle of its rectangle (PDF y up; the image's y down)
        int x = 200;
        int y = before.getHeight() - 560;
        assertThat(new Color(before.getRGB(x, y))).as("drawn as an annotation before").isNotEqualTo(Color.WHITE);
        assertThat(after.getRGB(x, y)).as("the same colour once flattened").isEqualTo(before.getRGB(x, y));
        assertThat(differingPixels(before, after)).as("pixels that changed").isLessThan(before.getWidth() * before.getHeight() / 500);
    }

    private static JsonNode fields(Path json) throws Exception {
        return new ObjectMapper().readTree(Files.readString(json)).path("fields");
    }

    private static BufferedImage render(Path pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFRenderer(doc).renderImageWithDPI(0, 72);
        }
    }

    private static int differingPixels(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                n += a.getRGB(x, y) == b.getRGB(x, y) ? 0 : 1;
            }
        }
        return n;
    }
}
