package io.kiln.engine.pdf;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.Options;
import io.kiln.engine.ProducedFile;
import io.kiln.testing.Corpus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/** Builds tasks over corpus files and opens what the engine produced. */
final class PdfTasks {

    static final int MAX_PAGES = 1000;

    private PdfTasks() {
    }

    static ConversionTask task(Path workDir, String to, Map<String, String> options, String... corpusFiles) {
        return task(workDir, to, options, MAX_PAGES, corpusFiles);
    }

    static ConversionTask task(Path workDir, String to, Map<String, String> options, int maxPages,
                               String... corpusFiles) {
        List<Path> inputs = Arrays.stream(corpusFiles).map(Corpus::file).toList();
        return new ConversionTask("pdf", to, inputs, new Options(options), workDir, "out",
                Duration.ofMinutes(1), maxPages);
    }

    static List<ProducedFile> convert(Path workDir, String to, Map<String, String> options, String... corpusFiles)
            throws InterruptedException {
        return new PdfConverter().convert(task(workDir, to, options, corpusFiles));
    }

    /** Converts a file of the test's own (an earlier output), in a work directory made for it. */
    static List<ProducedFile> convert(Path workDir, String to, Map<String, String> options, Path input)
            throws InterruptedException, IOException {
        java.nio.file.Files.createDirectories(workDir);
        return new PdfConverter().convert(new ConversionTask("pdf", to, List.of(input), new Options(options), workDir,
                "out", Duration.ofMinutes(1), MAX_PAGES));
    }

    /** A corpus file as if an engine had produced it, to feed it to the same steps as an output. */
    static ProducedFile corpusFile(String corpusFile) {
        return new ProducedFile(Corpus.file(corpusFile), corpusFile, "pdf", null);
    }

    static PDDocument open(ProducedFile file) throws IOException {
        return Loader.loadPDF(file.path().toFile());
    }

    static int pages(ProducedFile file) throws IOException {
        try (PDDocument doc = open(file)) {
            return doc.getNumberOfPages();
        }
    }
}
