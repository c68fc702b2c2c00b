package io.kiln.engine.pdf;

import io.kiln.engine.Availability;
import io.kiln.engine.ConversionTask;
import io.kiln.engine.PageRanges;
import io.kiln.engine.PageTextRecognition;
import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * {@code pdf → txt}: the text of the selected pages, in order, as UTF-8. With {@code ocr} set to
 * {@code auto} the pages without a text layer (scans) are read by OCR, with {@code always} every page is;
 * a recognised page is written as an extracted one is, so the pages are separated alike.
 */
final class TextExtraction implements PdfOperation {

    static final String OCR_OPTION = "ocr";

    private final PageTextRecognition recognition;

    TextExtraction(PageTextRecognition recognition) {
        this.recognition = recognition;
    }

    @Override
    public List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException {
        OcrMode mode = task.options().string(OCR_OPTION).map(OcrMode::of).orElse(OcrMode.DEFAULT);
        Availability ocr = recognition.availability();
        if (mode != OcrMode.NEVER && ocr.state() == Availability.State.UNAVAILABLE) {
            // refused before any work, whether or not a page would have needed it: the answer must not depend on the file
            throw new ConversionFailed(ErrorCode.ENGINE_UNAVAILABLE,
                    "ocr=" + mode.wire() + " needs the ocr engine, which is not available: " + ocr.detail());
        }
        OutputFiles files = new OutputFiles(task);
        ProducedFile out = files.file(files.name(null, "txt"), "txt", null);
        try (PDDocument doc = PdfLoader.open(task.input(), task);
             Writer writer = Files.newBufferedWriter(out.path(), StandardCharsets.UTF_8)) {
            PDFTextStripper stripper = new PDFTextStripper();
            List<Integer> pages = PageRanges.select(task.options().pages(), doc.getNumberOfPages());
            if (mode == OcrMode.NEVER) {
                // one page at a time, so a cancelled job stops between pages and any order is honoured
                for (int page : pages) {
                    Cancellation.check();
                    writer.write(extract(doc, stripper, page));
                }
            } else {
                for (String text : withRecognisedPages(task, doc, stripper, pages, mode)) {
                    writer.write(text);
                }
            }
        }
        return List.of(out);
    }

    /** Each selected page's text, in order: extracted, or recognised where {@code mode} says so. */
    private List<String> withRecognisedPages(ConversionTask task, PDDocument doc, PDFTextStripper stripper,
                                             List<Integer> pages, OcrMode mode) throws IOException, InterruptedException {
        Map<Integer, String> texts = new HashMap<>();
        List<Integer> toRecognise = new ArrayList<>();
        for (int page : new LinkedHashSet<>(pages)) { // a page named twice is read once
            Cancellation.check();
            String extracted = mode == OcrMode.ALWAYS ? "" : extract(doc, stripper, page);
            if (extracted.isBlank()) {
                toRecognise.add(page - 1);
            } else {
                texts.put(page, extracted);
            }
        }
        List<String> recognised = recognition.recognise(doc, toRecognise, task);
        for (int i = 0; i < toRecognise.size(); i++) {
            texts.put(toRecognise.get(i) + 1, asExtracted(stripper, recognised.get(i)));
        }
        return pages.stream().map(texts::get).toList();
    }

    private static String extract(PDDocument doc, PDFTextStripper stripper, int page) throws IOException {
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(doc);
    }

    /** Recognised text laid out as the stripper writes a page: its line separator, the page's start and end. */
    private static String asExtracted(PDFTextStripper stripper, String recognised) {
        String body = recognised.replace("\f", "").strip();
        StringBuilder page = new StringBuilder(stripper.getPageStart());
        body.lines().forEach(line -> page.append(line).append(stripper.getLineSeparator()));
        return page.append(stripper.getPageEnd()).toString();
    }
}
