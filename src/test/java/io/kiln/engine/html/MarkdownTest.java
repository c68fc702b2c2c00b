package io.kiln.engine.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.engine.ProducedFile;
import io.kiln.testing.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Markdown becomes a standalone, styled HTML5 page. */
class MarkdownTest {

    @TempDir
    Path work;

    @Test
    void aStandaloneStyledPage() throws Exception {
        ProducedFile out = toHtml(Corpus.file("md/testMARKDOWN.md"));
        assertThat(out.name()).isEqualTo("out.html");
        assertThat(out.ext()).isEqualTo("html");
        String html = Files.readString(out.path(), StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">");
        Document page = Jsoup.parse(html);
        assertThat(page.title()).isEqualTo("Title");
        assertThat(page.select("style").html()).contains("border-collapse").contains("font-family");
        assertThat(page.select("h1#title").text()).isEqualTo("Title");
        assertThat(page.select("strong").text()).isEqualTo("bold");
        assertThat(page.select("em").text()).isEqualTo("italic");
        assertThat(page.select("del").text()).isEqualTo("struck");
        assertThat(page.select("ol[start=3] li")).hasSize(2);
        assertThat(page.select("blockquote").text()).isEqualTo("a quote");
        assertThat(page.select("pre code.language-java").text()).contains("System.out.println");
        assertThat(page.select("a[href=https://example.com]").text()).isEqualTo("link");
        assertThat(page.select("table th")).extracting(e -> e.attr("align")).containsExactly("left", "center", "right");
        assertThat(page.select("img[src=img.png]").attr("title")).isEqualTo("Tika");
        assertThat(page.text()).contains("Café naïve résumé");
    }

    @Test
    void autolinksHeadingIdsAndRawHtml() throws Exception {
        Path md = Files.writeString(work.resolve("notes.md"), """
                # Intro
                ## Hello, World!
                ## Hello, World!
                Visit https://example.org/docs today.

                <div class="raw">kept as written</div>
                """);
        Document page = Jsoup.parse(Files.readString(toHtml(md).path()));
        assertThat(page.select("h2")).extracting(e -> e.id()).containsExactly("hello-world", "hello-world-1");
        assertThat(page.select("a[href=https://example.org/docs]")).hasSize(1);
        assertThat(page.select("div.raw").text()).isEqualTo("kept as written");
        assertThat(page.title()).isEqualTo("Intro");
    }

    @Test
    void frontMatterGivesTheTitleAndIsNotShown() throws Exception {
        Document page = Jsoup.parse(Files.readString(toHtml(Corpus.file("md/commonmark-spec.md")).path()));
        assertThat(page.title()).isEqualTo("CommonMark Spec");
        assertThat(page.body().text()).doesNotContain("author: John MacFarlane").startsWith("Introduction");
    }

    @Test
    void rightToLeftTextGetsItsDirection() {
        MarkdownPage markdown = new MarkdownPage();
        assertThat(markdown.render("שלום עולם, זה מסמך בעברית", "x")).contains("<html dir=\"rtl\">");
        assertThat(markdown.render("مرحبا بالعالم", "x")).contains("<html dir=\"rtl\">");
        assertThat(markdown.render("Hello world", "x")).contains("<html>");
    }

    @Test
    void markdownNotInUtf8IsStillRead() throws Exception {
        Path md = Files.write(work.resolve("latin1.md"),
                "# Menu\n\nCafé crème, thé glacé et crêpes à volonté pour déjeuner.\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(Jsoup.parse(Files.readString(toHtml(md).path())).text()).contains("Café crème, thé glacé");
    }

    @Test
    void noTitleFallsBackToTheName() {
        assertThat(Jsoup.parse(new MarkdownPage().render("just text <b>&</b>", "My <notes>")).title())
                .isEqualTo("My <notes>");
    }

    @Test
    void printedMarkdownKeepsItsImages() throws Exception {
        Path md = Files.writeString(work.resolve("doc.md"), "# Pictures\n\n![a dot](pics/dot.png)\n");
        Path png = AssetsTest.png(work.resolve("upload-2.bin"), 8);
        ProducedFile pdf = HtmlTasks.CONVERTER.convert(HtmlTasks.named(work, "md", Map.of(), List.of(md, png),
                List.of("doc.md", "pics/dot.png"))).getFirst();
        assertThat(PdfFacts.imageCount(pdf)).isEqualTo(1);
        assertThat(HtmlTasks.text(pdf)).contains("Pictures");
        try (var files = Files.list(work)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no scratch page left behind")
                    .containsExactlyInAnyOrder("doc.md", "upload-2.bin", "out.pdf");
        }
    }

    private ProducedFile toHtml(Path md) throws InterruptedException {
        return HtmlTasks.CONVERTER.convert(HtmlTasks.task(work, "md", "html", Map.of(), md)).getFirst();
    }
}
