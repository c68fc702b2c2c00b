package io.kiln.engine.ocr;

import io.kiln.engine.Availability;
import io.kiln.engine.ConversionTask;
import io.kiln.engine.OptionSpec;
import io.kiln.engine.PageTextRecognition;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * The ocr engine reading pages of a PDF another engine has open (pdf → txt with {@code ocr}): the
 * pages are rendered and read as the engine reads a PDF of its own, in the engine's shared process
 * slots, within the task's time limit.
 */
final class TesseractPageRecognition implements PageTextRecognition {

    private final TesseractInstallation tesseract;
    private final PdfSourceOcr pdfs;
    private final List<OptionSpec> options;

    TesseractPageRecognition(TesseractInstallation tesseract, PdfSourceOcr pdfs) {
        this.tesseract = tesseract;
        this.pdfs = pdfs;
        this.options = OcrCapabilities.pageRecognition(tesseract.languages());
    }

    @Override
    public Availability availability() {
        return tesseract.problem() == null ? Availability.ready() : Availability.unavailable(tesseract.problem());
    }

    @Override
    public List<OptionSpec> options() {
        return options;
    }

    @Override
    public List<String> recognise(PDDocument doc, List<Integer> pages, ConversionTask task)
            throws InterruptedException {
        if (tesseract.problem() != null) {
            throw new ConversionFailed(ErrorCode.ENGINE_UNAVAILABLE, tesseract.problem());
        }
        if (pages.isEmpty()) {
            return List.of();
        }
        Deadline deadline = Deadline.after(task.timeout());
        RecognitionOptions recognition = RecognitionOptions.of(task.options(), tesseract);
        int dpi = task.options().integer("dpi", PageRaster.DEFAULT_DPI);
        TesseractRun run = new TesseractRun(tesseract.program(), recognition, deadline);
        Path scratch = OcrConverter.scratchDir(task);
        try {
            List<String> texts = new ArrayList<>();
            for (Path page : pdfs.recognise(doc, pages, dpi, run, TesseractOutput.TEXT, scratch, deadline)) {
                texts.add(Files.readString(page, StandardCharsets.UTF_8));
            }
            return texts;
        } catch (IOException e) {
            throw new ConversionFailed(ErrorCode.ENGINE_FAILED, "The recognised pages could not be read back.", e);
        } finally {
            OcrConverter.deleteTree(scratch);
        }
    }
}
