package io.kiln.engine.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.engine.ProducedFile;
import io.kiln.testing.Corpus;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A page finds its images, stylesheets and fonts among the request's other files, by the names the client gave. */
class AssetsTest {

    @TempDir
    Path work;

    @Test
    void anImageByItsName() throws Exception {
        Path page = HtmlTasks.page(work, "page.html", "<html><body><p>Logo:</p><img src=\"logo.png\"></body></html>");
        Path logo = png(work.resolve("stored-file-2"), 16);
        assertThat(PdfFacts.imageCount(print(List.of(page, logo), List.of("page.html", "logo.png")))).isEqualTo(1);
    }

    @Test
    void withoutTheFileThePagePrintsWithoutTheImage() throws Exception {
        Path page = HtmlTasks.page(work, "page.html", "<html><body><p>Logo:</p><img src=\"logo.png\"></body></html>");
        ProducedFile pdf = print(List.of(page), List.of("page.html"));
        assertThat(PdfFacts.imageCount(pdf)).isZero();
        assertThat(HtmlTasks.text(pdf)).contains("Logo:");
    }

    @Test
    void foldersAndCaseOfTheReferenceNeedNotMatch() throws Exception {
        Path page = HtmlTasks.page(work, "page.html",
                "<html><body><img src=\"./images/Logo.PNG\"><img src=\"/static/img/icon%20one.png\"><img src=\"pics\\dot.png\"></body></html>");
        Path logo = png(work.resolve("a"), 16);
        Path icon = png(work.resolve("b"), 12);
        Path dot = png(work.resolve("c"), 10);
        ProducedFile pdf = print(List.of(page, logo, icon, dot),
                List.of("page.html", "logo.png", "icon one.png", "pics/dot.png"));
        assertThat(PdfFacts.imageCount(pdf)).isEqualTo(3);
    }

    @Test
    void aStylesheetAndTheFontItLoads() throws Exception {
        Path page = HtmlTasks.page(work, "page.html", """
                <html><head><link rel="stylesheet" href="css/site.css"></head>
                <body><p class="brand">Styled by the sheet</p></body></html>""");
        Path css = Files.writeString(work.resolve("c"), """
                @font-face { font-family: Brand; src: url(../fonts/brand.ttf); }
                .brand { font-family: Brand; }
                body::after { content: "added-by-css"; }""");
        Path font = Files.copy(Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"), work.resolve("f"));
        ProducedFile pdf = print(List.of(page, css, font), List.of("page.html", "css/site.css", "fonts/brand.ttf"));
        assertThat(HtmlTasks.text(pdf)).contains("Styled by the sheet").contains("added-by-css");
        assertThat(PdfFacts.fontNames(pdf)).anySatisfy(name -> assertThat(name).contains("DejaVuSansMono"));
    }

    @Test
    void dataUriImagesNeedNoFile() throws Exception {
        ProducedFile pdf = HtmlTasks.pdf(work, "html", Map.of(), Corpus.file("html/testHTML_embedded_img.html"));
        assertThat(PdfFacts.imageCount(pdf)).isEqualTo(1);
    }

    private ProducedFile print(List<Path> inputs, List<String> names) throws InterruptedException {
        return HtmlTasks.CONVERTER.convert(HtmlTasks.named(work, "html", Map.of(), inputs, names)).getFirst();
    }

    /** A square PNG of {@code size} pixels. */
    static Path png(Path file, int size) throws IOException {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < size; x++) {
            image.setRGB(x, x, 0x3366cc);
        }
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
