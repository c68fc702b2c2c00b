package io.kiln.dialect.pdfrest;

import java.util.Map;
import java.util.function.Function;

/**
 * The pdfRest Cloud routes Kiln serves with its own engines, one per operation: path, Kiln target,
 * and how the route's parameters become Kiln options. Routes and names from pdfRest's reference
 * (pdfrest/pdfrest-docs, api-reference-guide) and samples (datalogics/pdf-rest-api-samples,
 * {@code cURL/Endpoint Examples}).
 */
enum PdfRestOperation {
    WATERMARKED("/watermarked-pdf", "watermark", WatermarkParams::options, new SecondFile("watermark_file", "watermark_file_id", false)),
    ADDED_IMAGE("/pdf-with-added-image", "stamp", WatermarkParams::addedImage, new SecondFile("image_file", "image_id", true)),
    ADDED_TEXT("/pdf-with-added-text", "stamp", AddedTextParams::options),
    SPLIT("/split-pdf", "split", PdfRestOptions::split),
    MERGED("/merged-pdf", "merge", PdfRestOptions::merge),
    INFO("/pdf-info", "info", PdfRestOptions::none),
    // the reference's §POST /extracted-text: file or id, full_text, preserve_line_breaks, word_style,
    // word_coordinates, pages, output_type json (see ExtractedTextParams, ExtractedTextAnswer)
    EXTRACTED_TEXT("/extracted-text", "text-json", ExtractedTextParams::options),
    FLATTENED_FORMS("/flattened-forms-pdf", "flatten", PdfRestOptions::flattenForms),
    FLATTENED_ANNOTATIONS("/flattened-annotations-pdf", "flatten", PdfRestOptions::flattenAnnotations),
    ENCRYPTED("/encrypted-pdf", "protect", PdfRestOptions::encrypt),
    RESTRICTED("/restricted-pdf", "protect", PdfRestOptions::restrict),
    DECRYPTED("/decrypted-pdf", "unprotect", PdfRestOptions::decrypt),
    UNRESTRICTED("/unrestricted-pdf", "unprotect", PdfRestOptions::unrestrict),
    LINEARIZED("/linearized-pdf", "linearize", PdfRestOptions::none),
    COMPRESSED("/compressed-pdf", "compress", PdfRestOptions::compress),
    PDFA("/pdfa", "pdfa", PdfRestOptions::pdfa),
    EXPORTED_FORM_DATA("/exported-form-data", "form-data", PdfRestOptions::exportFormData),
    IMPORTED_FORM_DATA("/pdf-with-imported-form-data", "fill-form", PdfRestOptions::none,
            new SecondFile("data_file", "data_file_id", true)),
    WORD("/word", "docx", PdfRestOptions::none),
    POWERPOINT("/powerpoint", "pptx", PdfRestOptions::none),
    EXCEL("/excel", "xlsx", PdfRestOptions::none),
    OCR_TEXT("/pdf-with-ocr-text", "ocr", PdfRestOptions::ocr),
    REDACTION_PREVIEW("/pdf-with-redacted-text-preview", "redact", RedactionParams::preview),
    REDACTION_APPLIED("/pdf-with-redacted-text-applied", "redact", RedactionParams::applied);

    /**
     * The answer's shape: one {@code outputId}; {@code outputId} and {@code outputUrl} as arrays (split);
     * {@code inputId} as an array (merge, and watermark, whose samples read {@code inputId[0]}); or the
     * {@code /pdf-info} keys; or {@code /extracted-text}'s {@code words} and {@code fullText}.
     */
    enum Answer { FILE, OUTPUTS_LISTED, INPUTS_LISTED, INFO, TEXT }

    final String path;
    final String target;
    final Function<PdfRestParams, Map<String, String>> options;
    /** The file a route takes after the document (the image it draws, the form data it imports); null for none. */
    final SecondFile secondFile;

    /** Where a route takes its second file: the file part's name, the id parameter's, and whether one is required. */
    record SecondFile(String part, String id, boolean required) {
    }

    PdfRestOperation(String path, String target, Function<PdfRestParams, Map<String, String>> options) {
        this(path, target, options, null);
    }

    PdfRestOperation(String path, String target, Function<PdfRestParams, Map<String, String>> options, SecondFile secondFile) {
        this.path = path;
        this.target = target;
        this.options = options;
        this.secondFile = secondFile;
    }

    boolean takesManyInputs() {
        return this == MERGED;
    }

    /** pdfRest's default {@code output}: {@code <input>_pdfrest_<route>}, or {@code pdfrest_merged-pdf}. */
    String defaultOutput(String inputBase) {
        String route = path.substring(1);
        return takesManyInputs() ? "pdfrest_" + route : inputBase + "_pdfrest_" + route;
    }

    /** The answer's shape for a job of this Kiln target: a request-status poll knows only the job. */
    static Answer answerFor(String target) {
        return switch (target) {
            case "split" -> Answer.OUTPUTS_LISTED;
            case "merge", "watermark" -> Answer.INPUTS_LISTED;
            case "info" -> Answer.INFO;
            case "text-json" -> Answer.TEXT;
            default -> Answer.FILE;
        };
    }
}
