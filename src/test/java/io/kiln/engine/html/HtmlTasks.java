package io.kiln.engine.html;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.Options;
import io.kiln.engine.ProducedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Builds html-engine tasks and reads back what the engine printed. One renderer serves every test. */
final class HtmlTasks {

    static final OpenHtmlRenderer RENDERER = new OpenHtmlRenderer();
    static final HtmlConverter CONVERTER = new HtmlConverter(RENDERER);
    static final int MAX_PAGES = 2000;

    private HtmlTasks() {
    }

    /** A task over {@code inputs} (the document first) named as their files are. */
    static ConversionTask task(Path workDir, String from, String to, Map<String, String> options, Path... inputs) {
        return new ConversionTask(from, to, List.of(inputs), new Options(options), workDir, "out",
                Duration.ofMinutes(2), MAX_PAGES);
    }

    /** A task whose inputs carry the names the client gave them. */
    static ConversionTask named(Path workDir, String from, Map<String, String> options, List<Path> inputs,
                                List<String> names) {
        return new ConversionTask(from, "pdf", inputs, new Options(options), workDir, "out", Duration.ofMinutes(2),
                MAX_PAGES, names);
    }

    static ProducedFile pdf(Path workDir, String from, Map<String, String> options, Path... inputs)
            throws InterruptedException {
        List<ProducedFile> out = CONVERTER.convert(task(workDir, from, "pdf", options, inputs));
        return out.getFirst();
    }

    /** Writes {@code html} to a file of its own under {@code dir}. */
    static Path page(Path dir, String name, String html) throws IOException {
        return Files.writeString(dir.resolve(name), html);
    }

    static PDDocument open(ProducedFile file) throws IOException {
        return Loader.loadPDF(file.path().toFile());
    }

    static String text(ProducedFile file) throws IOException {
        try (PDDocument doc = open(file)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    /** The text of each page, in reading order (generated content such as page numbers is drawn last). */
    static List<String> pageTexts(ProducedFile file) throws IOException {
        try (PDDocument doc = open(file)) {
            List<String> pages = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                pages.add(stripper.getText(doc));
            }
            return pages;
        }
    }
}
