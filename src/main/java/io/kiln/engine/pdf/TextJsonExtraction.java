package io.kiln.engine.pdf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.kiln.engine.ConversionTask;
import io.kiln.engine.PageRanges;
import io.kiln.engine.ProducedFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * {@code pdf → text-json}: the selected pages' text as {@code <baseName>.json}, as one {@code text}
 * (default), per page ({@code pages: [{page, text}]}) or not at all, and with {@code words} or
 * {@code wordStyle} every word with its page and box ({@link ExtractedWord}). The text is the one
 * {@code pdf → txt} extracts; {@code lineBreaks=false} joins its lines with single spaces.
 */
final class TextJsonExtraction implements PdfOperation {

    static final List<String> TEXT_MODES = List.of("document", "pages", "none");

    private static final ObjectWriter JSON = new ObjectMapper().writerWithDefaultPrettyPrinter();

    /** One page's text in the {@code pages} form. */
    record PageText(int page, String text) {
    }

    @Override
    public List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException {
        String mode = task.options().string("text").orElse(TEXT_MODES.getFirst());
        boolean style = task.options().bool("wordStyle", false);
        boolean words = style || task.options().bool("words", false);
        boolean lineBreaks = task.options().bool("lineBreaks", true);
        OutputFiles files = new OutputFiles(task);
        ProducedFile out = files.file(files.name(null, "json"), "json", null);
        try (PDDocument doc = PdfLoader.open(task.input(), task)) {
            WordStripper stripper = new WordStripper(style);
            List<PageText> texts = new ArrayList<>();
            List<ExtractedWord> all = new ArrayList<>();
            for (int page : PageRanges.select(task.options().pages(), doc.getNumberOfPages())) {
                Cancellation.check(); // between pages, so a cancelled job stops early
                WordStripper.Page read = stripper.read(doc, page);
                texts.add(new PageText(page, lineBreaks ? read.text() : joined(read.text())));
                all.addAll(read.words());
            }
            Map<String, Object> body = new LinkedHashMap<>();
            switch (mode) {
                case "pages" -> body.put("pages", texts);
                case "none" -> { }
                default -> body.put("text", String.join(lineBreaks ? "" : " ",
                        texts.stream().map(PageText::text).filter(t -> lineBreaks || !t.isEmpty()).toList()));
            }
            if (words) {
                body.put("words", all);
            }
            JSON.writeValue(out.path().toFile(), body);
        }
        return List.of(out);
    }

    /** The text's lines joined by one space each, without the page's leading and trailing breaks. */
    private static String joined(String text) {
        return String.join(" ", text.strip().split("\\s*\\R\\s*"));
    }
}
