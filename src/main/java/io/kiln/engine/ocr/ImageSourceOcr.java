package io.kiln.engine.ocr;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.PageRanges;
import io.kiln.engine.ProducedFile;
import io.kiln.engine.pdf.PageLimit;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OCR of an image (each page of a multi-page TIFF, several at once): tesseract reads the file as it
 * is and writes a PDF page showing the image under its invisible text, or plain text. The pages
 * are then put together in the order asked for.
 */
final class ImageSourceOcr {

    private static final Logger LOG = LoggerFactory.getLogger(ImageSourceOcr.class);

    private final String program;
    private final Semaphore processSlots;

    ImageSourceOcr(String program, Semaphore processSlots) {
        this.program = program;
        this.processSlots = processSlots;
    }

    List<ProducedFile> run(ConversionTask task, RecognitionOptions recognition, boolean searchable, Path scratch,
                           Deadline deadline) throws InterruptedException {
        ImageFrames frames = ImageFrames.of(task.input(), task.from());
        PageLimit.check(frames.count(), task.maxPages());
        List<Integer> pages = PageRanges.select(task.options().pages(), frames.count());
        TesseractRun tesseract = new TesseractRun(program, recognition, deadline);
        TesseractOutput output = searchable ? TesseractOutput.IMAGE_PDF : TesseractOutput.TEXT;
        List<Path> parts = new ArrayList<>();
        try (PageRuns runs = new PageRuns(processSlots, deadline)) {
            List<Future<Path>> running = new ArrayList<>();
            for (int i = 0; i < pages.size(); i++) {
                runs.awaitSlot();
                Integer frame = frames.numbered() ? pages.get(i) - 1 : null;
                Path outBase = scratch.resolve("page-%05d".formatted(i + 1));
                running.add(runs.start(() -> read(task, tesseract, frame, outBase, output)));
            }
            for (Future<Path> page : running) {
                parts.add(runs.result(page));
            }
        }
        try {
            return List.of(searchable ? merge(task, parts) : OutputFile.joinText(task, parts));
        } catch (IOException e) {
            throw new ConversionFailed(ErrorCode.ENGINE_FAILED, "The recognised pages could not be put together.", e);
        }
    }

    /** Reads one page; when tesseract cannot read the file itself, it gets the page decoded by ImageIO. */
    private static Path read(ConversionTask task, TesseractRun tesseract, Integer frame, Path outBase,
                             TesseractOutput output) throws InterruptedException {
        try {
            return tesseract.run(task.input(), outBase, frame, null, output);
        } catch (TesseractFailed first) {
            LOG.debug("tesseract could not read the {} as it is; decoding it first", task.from(), first);
        }
        Path decoded = outBase.resolveSibling(outBase.getFileName() + "-decoded.png");
        ImageFrames.decode(task.input(), task.from(), frame == null ? 0 : frame, decoded);
        try {
            return tesseract.run(decoded, outBase, null, null, output);
        } catch (TesseractFailed e) {
            throw new ConversionFailed(ErrorCode.CORRUPT_DOCUMENT,
                    "Tesseract could not read the image.", e);
        }
    }

    /** One PDF of the pages in order; a single page is already that. */
    private static ProducedFile merge(ConversionTask task, List<Path> parts) throws IOException {
        ProducedFile out = OutputFile.of(task, "pdf", parts.size());
        if (parts.size() == 1) {
            Files.move(parts.getFirst(), out.path(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return out;
        }
        List<PDDocument> opened = new ArrayList<>();
        try (PDDocument merged = new PDDocument()) {
            for (Path part : parts) {
                PDDocument page = Loader.loadPDF(part.toFile());
                opened.add(page); // an imported page stays in its document until the merged one is saved
                merged.importPage(page.getPage(0));
            }
            merged.save(out.path().toFile());
        } finally {
            for (PDDocument page : opened) {
                page.close();
            }
        }
        return out;
    }
}
