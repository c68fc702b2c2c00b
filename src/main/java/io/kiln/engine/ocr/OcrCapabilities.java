package io.kiln.engine.ocr;

import io.kiln.engine.Capability;
import io.kiln.engine.Capability.Inputs;
import io.kiln.engine.OptionSpec;
import java.util.List;
import java.util.Set;

/**
 * What the ocr engine offers. Its targets are operations ({@code ocr}, {@code ocr-txt}) because
 * plain {@code pdf → txt} and {@code png → pdf} belong to the pdf and image engines.
 */
final class OcrCapabilities {

    /** Target: a searchable PDF. */
    static final String SEARCHABLE_PDF = "ocr";
    /** Target: the recognised text. */
    static final String TEXT = "ocr-txt";
    /** An image's text is only ever recognised, so {@code png → txt} is the same as {@code ocr-txt}. */
    static final String PLAIN_TEXT = "txt";
    /** Image formats tesseract (Leptonica) reads, as {@link io.kiln.engine.FormatDetector} names them. */
    static final Set<String> IMAGES = Set.of("png", "jpg", "tiff", "bmp", "gif", "webp");

    private static final OptionSpec PSM = OptionSpec.oneOf("psm", RecognitionOptions.SEGMENTATION_MODES,
            "Tesseract page segmentation mode (default 3: automatic; 6: one block of text; 11: sparse text)");
    private static final OptionSpec PAGES = OptionSpec.pages("pages to read, e.g. 1,3-5,!1 (default: all)");
    private static final OptionSpec IMAGE_PAGES = OptionSpec.pages(
            "pages of a multi-page TIFF to read, e.g. 1,3-5,!1 (default: all)");
    private static final OptionSpec DPI = OptionSpec.integer("dpi", PageRaster.MIN_DPI, PageRaster.MAX_DPI,
            "resolution pages are read at (default " + PageRaster.DEFAULT_DPI + ")");
    private static final OptionSpec PASSWORD = OptionSpec.string("password", "password that opens an encrypted source");

    private OcrCapabilities() {
    }

    /** The conversions, with {@code lang} checked (when a job is submitted) against {@code languages}. */
    static List<Capability> all(List<String> languages) {
        OptionSpec lang = language(languages);
        return List.of(
                fromPdf(SEARCHABLE_PDF, "pdf", lang),
                fromImages(SEARCHABLE_PDF, "pdf", lang),
                fromPdf(TEXT, "txt", lang),
                fromImages(TEXT, "txt", lang),
                fromImages(PLAIN_TEXT, "txt", lang));
    }

    /** How a rendered PDF page is read, for other engines that have pages recognised: lang, dpi, psm. */
    static List<OptionSpec> pageRecognition(List<String> languages) {
        return List.of(language(languages), DPI, PSM);
    }

    private static OptionSpec language(List<String> languages) {
        return OptionSpec.listOf("lang", languages,
                "languages of the text, one or more joined by +, e.g. eng or eng+deu (default eng)");
    }

    private static Capability fromPdf(String to, String ext, OptionSpec lang) {
        return new Capability(Set.of("pdf"), to, ext, List.of(lang, PAGES, DPI, PSM, PASSWORD), Inputs.ONE);
    }

    private static Capability fromImages(String to, String ext, OptionSpec lang) {
        return new Capability(IMAGES, to, ext, List.of(lang, IMAGE_PAGES, PSM), Inputs.ONE);
    }
}
