package io.kiln.engine.ocr;

import java.util.List;

/** What one tesseract run writes, as the configuration names and variables that ask for it. */
enum TesseractOutput {
    /** the page image with the recognised text invisible over it */
    IMAGE_PDF("pdf", List.of()),
    /** only the invisible text, to lay over a page that already shows itself */
    TEXT_LAYER_PDF("pdf", List.of("-c", "textonly_pdf=1")),
    /** plain UTF-8 text; tesseract ends each page with a form feed */
    TEXT("txt", List.of());

    /** the configuration name on the command line, and the extension of the file it writes */
    final String config;
    final List<String> variables;

    TesseractOutput(String config, List<String> variables) {
        this.config = config;
        this.variables = variables;
    }
}
