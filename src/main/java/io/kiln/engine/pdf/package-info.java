/**
 * The {@code pdf} engine: operations on PDF files with Apache PDFBox — text (pages without a text layer
 * read by OCR through the {@link io.kiln.engine.PageTextRecognition} it is given), the text and its words'
 * boxes and styles as JSON ({@code text-json}), text laid out as spreadsheet cells (xlsx, a worksheet
 * a page, written by fastexcel), page images, merge,
 * split, info, rotate, encrypt and decrypt, and PDF/A (checked by veraPDF, fonts embedded by Ghostscript
 * through {@code io.kiln.engine.pdfa}). {@link io.kiln.engine.pdf.PdfConverter} is the entry
 * point; {@code PdfLoader}, {@code PdfFailures}, {@code PageLimit} and {@code PageSelection} are also
 * public, for other engines that read or produce PDFs (ocr); the rest are one operation or one
 * concern each. Depends on {@code io.kiln.engine} (and its {@code pdfa}) and {@code io.kiln.error} only; knows nothing of
 * HTTP, jobs or storage.
 */
package io.kiln.engine.pdf;
