package io.kiln.engine.pdf;

import io.kiln.engine.Capability;
import io.kiln.engine.ConversionTask;
import io.kiln.engine.Converter;
import io.kiln.engine.PageTextRecognition;
import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.engine.pdfa.Ghostscript;
import io.kiln.error.ErrorCode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code pdf} engine (Apache PDFBox): text, text as spreadsheet cells, page images, merge, split, info, rotate, encrypt,
 * decrypt, page edits, metadata read and written, text marks (watermarks, stamps, page numbers), forms read,
 * filled and flattened, compression, redaction and PDF/A. Stateless, so one instance serves every worker thread.
 */
public final class PdfConverter implements Converter {

    private final List<Capability> capabilities;

    /** The PDF/A conversion's font pass (an external program), probed when first needed. */
    private final Supplier<Ghostscript> ghostscript = Ghostscript.probedOnFirstUse(Ghostscript.DEFAULT_PROGRAM,
            Runtime.getRuntime().availableProcessors());

    private final Map<String, PdfOperation> operations;

    /** Without OCR: {@code pdf → txt} with {@code ocr} auto or always fails as engine_unavailable. */
    public PdfConverter() {
        this(PageTextRecognition.none("no OCR engine is configured"));
    }

    /** @param recognition reads the pages {@code pdf → txt} has recognised ({@code ocr} auto or always) */
    public PdfConverter(PageTextRecognition recognition) {
        this.capabilities = PdfCapabilities.all(recognition.options());
        this.operations = operations(recognition);
    }

    private Map<String, PdfOperation> operations(PageTextRecognition recognition) {
        return Map.ofEntries(
                Map.entry("txt", new TextExtraction(recognition)),
                Map.entry("text-json", new TextJsonExtraction()),
                Map.entry("xlsx", new SpreadsheetExport()),
                Map.entry("png", new PageRendering(RasterFormat.PNG)),
                Map.entry("jpg", new PageRendering(RasterFormat.JPG)),
                Map.entry("tiff", new PageRendering(RasterFormat.TIFF)),
                Map.entry("pdf", new PdfMerge()),
                Map.entry("merge", new PdfMerge()),
                Map.entry("split", new PdfSplit()),
                Map.entry("info", new PdfInfo()),
                Map.entry("rotate", new PageRotation()),
                Map.entry("encrypt", new PdfEncryption()),
                Map.entry("protect", new PdfEncryption()),
                Map.entry("decrypt", new PdfDecryption()),
                Map.entry("unprotect", new PdfDecryption()),
                Map.entry("remove-pages", new PageEdit(PageEdit.Kind.REMOVE)),
                Map.entry("extract-pages", new PageEdit(PageEdit.Kind.EXTRACT)),
                Map.entry("reorder", new PageEdit(PageEdit.Kind.REORDER)),
                Map.entry("metadata", new PdfMetadata()),
                Map.entry("set-metadata", new MetadataWriting()),
                Map.entry("watermark", marking(TextMarking.Kind.WATERMARK, ImageMarking.Kind.WATERMARK)),
                Map.entry("stamp", marking(TextMarking.Kind.STAMP, ImageMarking.Kind.STAMP)),
                Map.entry("page-numbers", new TextMarking(TextMarking.Kind.PAGE_NUMBERS)),
                Map.entry("flatten", new Flattening()),
                Map.entry("form-fields", new FormFields()),
                Map.entry("form-data", new FormDataExport()),
                Map.entry("fill-form", new FormFilling()),
                Map.entry("compress", new Compression()),
                Map.entry("redact", new Redaction()),
                Map.entry("pdfa", new PdfaConversion(ghostscript)));
    }

    /** A watermark or stamp: drawn as a picture when the task brings one with the document, else as text. */
    private static PdfOperation marking(TextMarking.Kind text, ImageMarking.Kind image) {
        PdfOperation asText = new TextMarking(text);
        PdfOperation asImage = new ImageMarking(image);
        return task -> (ImageMarking.hasImage(task) ? asImage : asText).run(task);
    }

    @Override
    public String engine() {
        return "pdf";
    }

    @Override
    public List<Capability> capabilities() {
        return capabilities;
    }

    /** Whether pdfa can embed missing fonts (with Ghostscript), for {@code /ready}. */
    @Override
    public Map<String, String> about() {
        Ghostscript gs = ghostscript.get();
        return Map.of("ghostscript", gs.problem().map(p -> "unavailable: " + p).orElse(gs.version()));
    }

    @Override
    public List<ProducedFile> convert(ConversionTask task) throws InterruptedException {
        PdfOperation operation = operations.get(task.to());
        if (operation == null || !"pdf".equals(task.from())) {
            throw new ConversionFailed(ErrorCode.UNSUPPORTED_CONVERSION,
                    "The pdf engine cannot convert " + task.from() + " to " + task.to() + ".");
        }
        try {
            return operation.run(task);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // a deeply nested (hostile) file can exhaust the stack; that is damage, not a crash
            throw PdfFailures.translate(e);
        }
    }
}
