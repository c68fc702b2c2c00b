package io.kiln.engine.ocr;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.ProducedFile;
import io.kiln.engine.pdf.PdfFailures;
import io.kiln.engine.pdf.PdfLoader;
import io.kiln.engine.pdf.PageSelection;
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
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * OCR of a PDF: each selected page is rendered and read by tesseract, several at once; the text is
 * then laid invisibly over the original pages (which keep their own text, vectors and images), or
 * written out as plain text.
 */
final class PdfSourceOcr {

    private final String program;
    private final Semaphore processSlots;

    PdfSourceOcr(String program, Semaphore processSlots) {
        this.program = program;
        this.processSlots = processSlots;
    }

    List<ProducedFile> run(ConversionTask task, RecognitionOptions recognition, boolean searchable, Path scratch,
                           Deadline deadline) throws InterruptedException {
        int dpi = task.options().integer("dpi", PageRaster.DEFAULT_DPI);
        TesseractRun tesseract = new TesseractRun(program, recognition, deadline);
        try (PDDocument doc = PdfLoader.open(task.input(), task)) {
            PageSelection.apply(doc, task.options().pages());
            TesseractOutput output = searchable ? TesseractOutput.TEXT_LAYER_PDF : TesseractOutput.TEXT;
            List<Integer> all = java.util.stream.IntStream.range(0, doc.getNumberOfPages()).boxed().toList();
            List<Path> pages = recognise(doc, all, dpi, tesseract, output, scratch, deadline);
            return List.of(searchable ? overlay(task, doc, pages) : OutputFile.joinText(task, pages));
        } catch (IOException | RuntimeException e) {
            throw PdfFailures.translate(e);
        }
    }

    /** The tesseract output of each of {@code indices} (0-based pages of {@code doc}), in that order. */
    List<Path> recognise(PDDocument doc, List<Integer> indices, int dpi, TesseractRun tesseract, TesseractOutput output,
                         Path scratch, Deadline deadline) throws IOException, InterruptedException {
        PDFRenderer renderer = new PDFRenderer(doc);
        List<Future<Path>> running = new ArrayList<>();
        try (PageRuns runs = new PageRuns(processSlots, deadline)) {
            for (int n = 0; n < indices.size(); n++) {
                int i = indices.get(n);
                runs.awaitSlot();
                String name = "page-%05d".formatted(n + 1);
                PageRaster.Rendered image = PageRaster.render(renderer, doc.getPage(i), i, dpi,
                        scratch.resolve(name + ".pgm"));
                running.add(runs.start(() -> read(tesseract, image, scratch.resolve(name), output)));
            }
            List<Path> pages = new ArrayList<>();
            for (Future<Path> page : running) {
                pages.add(runs.result(page));
            }
            return pages;
        }
    }

    private static Path read(TesseractRun tesseract, PageRaster.Rendered image, Path outBase, TesseractOutput output)
            throws InterruptedException {
        try {
            return tesseract.run(image.file(), outBase, null, image.dpi(), output);
        } catch (TesseractFailed e) {
            // the image is ours, so this is the engine failing, not the document
            throw new ConversionFailed(ErrorCode.ENGINE_FAILED, "Tesseract failed to read a page of the PDF.", e);
        } finally {
            deleteQuietly(image.file()); // the scratch directory goes anyway; this keeps a long task's disk small
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // removed with the scratch directory
        }
    }

    private static ProducedFile overlay(ConversionTask task, PDDocument doc, List<Path> pages)
            throws IOException, InterruptedException {
        TextLayer layer = new TextLayer(doc);
        List<PDDocument> texts = new ArrayList<>();
        try {
            for (int i = 0; i < pages.size(); i++) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("conversion cancelled");
                }
                PDDocument text = Loader.loadPDF(pages.get(i).toFile());
                texts.add(text);
                layer.overlay(doc.getPage(i), text);
            }
            ProducedFile out = OutputFile.of(task, "pdf", doc.getNumberOfPages());
            doc.setAllSecurityToBeRemoved(true); // as every PDF the pdf engine writes, except encrypt's
            doc.save(out.path().toFile());
            return out;
        } finally {
            for (PDDocument text : texts) {
                text.close();
            }
        }
    }
}
