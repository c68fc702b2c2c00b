package io.kiln.engine.libreoffice;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.Options;
import io.kiln.engine.ProducedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Pools for tests, tasks over files, and ways to look into what the engine produced. */
final class OfficeTasks {

    static final int MAX_PAGES = 5000;
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private OfficeTasks() {
    }

    /** A pool of {@code processes} real LibreOffice processes under {@code dir}, started. */
    static LibreOfficePool pool(Path dir, int processes) {
        LibreOfficeSettings settings = LibreOfficeSettings.defaults(dir).withProcesses(processes)
                .withQueueTimeout(Duration.ofSeconds(120));
        return new LibreOfficePool(settings);
    }

    static ConversionTask task(Path input, String from, String to, Map<String, String> options, Duration timeout)
            throws IOException {
        Path work = Files.createTempDirectory("kiln-lo-out");
        return new ConversionTask(from, to, java.util.List.of(input), new Options(options), work,
                "out-" + UUID.randomUUID().toString().substring(0, 8), timeout, MAX_PAGES);
    }

    static ConversionTask task(Path input, String to, Map<String, String> options) throws IOException {
        return task(input, extension(input), to, options, TIMEOUT);
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        return name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
    }

    static String pdfText(ProducedFile file) throws IOException {
        try (PDDocument doc = Loader.loadPDF(file.path().toFile())) {
            return new PDFTextStripper().getText(doc);
        }
    }

    static int pdfPages(ProducedFile file) throws IOException {
        try (PDDocument doc = Loader.loadPDF(file.path().toFile())) {
            return doc.getNumberOfPages();
        }
    }
}
