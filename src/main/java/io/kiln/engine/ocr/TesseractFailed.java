package io.kiln.engine.ocr;

/** A tesseract run that ended without its output; what it printed is kept for the log. */
final class TesseractFailed extends Exception {

    TesseractFailed(String message) {
        super(message);
    }
}
