package io.kiln.engine.ocr;

import io.kiln.engine.Availability;
import io.kiln.engine.Capability;
import io.kiln.engine.ConversionTask;
import io.kiln.engine.Converter;
import io.kiln.engine.PageTextRecognition;
import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

/**
 * The {@code ocr} engine: searchable PDFs ({@code ocr}) and plain text ({@code ocr-txt}) from PDFs
 * and images, read by the {@code tesseract} program. A PDF keeps its pages and gains an invisible
 * text layer; an image becomes a PDF page showing it. Pages are read in parallel, one tesseract
 * process each, at most {@code parallelism} processes at once across all tasks (fairly shared, so a
 * long document does not hold up a short one). Thread-safe; holds no processes between tasks.
 */
public final class OcrConverter implements Converter {

    private final TesseractInstallation tesseract;
    private final List<Capability> capabilities;
    private final PdfSourceOcr pdfs;
    private final ImageSourceOcr images;
    private final PageTextRecognition pageRecognition;

    /**
     * @param parallelism the most tesseract processes running at once, over all tasks
     */
    public OcrConverter(TesseractInstallation tesseract, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("OCR parallelism must be at least 1");
        }
        this.tesseract = tesseract;
        this.capabilities = OcrCapabilities.all(tesseract.languages());
        Semaphore processSlots = new Semaphore(parallelism, true);
        this.pdfs = new PdfSourceOcr(tesseract.program(), processSlots);
        this.images = new ImageSourceOcr(tesseract.program(), processSlots);
        this.pageRecognition = new TesseractPageRecognition(tesseract, pdfs);
    }

    /** Pages of a PDF another engine has open read by this engine, within its process slots (pdf → txt with {@code ocr}). */
    public PageTextRecognition pageRecognition() {
        return pageRecognition;
    }

    /** The {@code tesseract} on the PATH, running as many processes at once as there are cores. */
    public static OcrConverter detect() {
        return detect(TesseractInstallation.DEFAULT_PROGRAM);
    }

    /** The tesseract program at {@code program}, running as many processes at once as there are cores. */
    public static OcrConverter detect(Path program) {
        return detect(program.toString());
    }

    private static OcrConverter detect(String program) {
        return new OcrConverter(TesseractInstallation.probe(program), Runtime.getRuntime().availableProcessors());
    }

    @Override
    public String engine() {
        return "ocr";
    }

    @Override
    public List<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public Availability availability() {
        return tesseract.problem() == null ? Availability.ready() : Availability.unavailable(tesseract.problem());
    }

    @Override
    public Map<String, String> about() {
        if (tesseract.problem() != null) {
            return Map.of();
        }
        Map<String, String> about = new LinkedHashMap<>();
        about.put("version", tesseract.version());
        about.put("languages", String.join(",", tesseract.languages()));
        return about;
    }

    @Override
    public List<ProducedFile> convert(ConversionTask task) throws InterruptedException {
        boolean searchable = OcrCapabilities.SEARCHABLE_PDF.equals(task.to());
        boolean pdf = "pdf".equals(task.from());
        boolean text = OcrCapabilities.TEXT.equals(task.to()) || !pdf && OcrCapabilities.PLAIN_TEXT.equals(task.to());
        if (!searchable && !text || !pdf && !OcrCapabilities.IMAGES.contains(task.from())) {
            throw new ConversionFailed(ErrorCode.UNSUPPORTED_CONVERSION,
                    "The ocr engine cannot convert " + task.from() + " to " + task.to() + ".");
        }
        if (tesseract.problem() != null) {
            throw new ConversionFailed(ErrorCode.ENGINE_UNAVAILABLE, tesseract.problem());
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("conversion cancelled");
        }
        Deadline deadline = Deadline.after(task.timeout());
        RecognitionOptions recognition = RecognitionOptions.of(task.options(), tesseract);
        Path scratch = scratchDir(task);
        try {
            return pdf ? pdfs.run(task, recognition, searchable, scratch, deadline)
                    : images.run(task, recognition, searchable, scratch, deadline);
        } finally {
            deleteTree(scratch);
        }
    }

    /** Page images and tesseract's files live here, inside the task's own directory, until the task ends. */
    static Path scratchDir(ConversionTask task) {
        try {
            return Files.createTempDirectory(task.workDir(), ".ocr-");
        } catch (IOException e) {
            throw new ConversionFailed(ErrorCode.ENGINE_FAILED, "OCR could not create its working files.", e);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // the work directory is removed with the job
        }
    }
}
