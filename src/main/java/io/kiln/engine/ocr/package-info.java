/**
 * The {@code ocr} engine: searchable PDFs and plain text from PDFs and images, read by the
 * {@code tesseract} program (Debian {@code tesseract-ocr}), one process per page, pages in parallel.
 * {@link io.kiln.engine.ocr.OcrConverter} and {@link io.kiln.engine.ocr.TesseractInstallation} are
 * public; {@link io.kiln.engine.ocr.OcrConverter#pageRecognition()} lends the engine (its process
 * slots) to the pdf engine's {@code pdf → txt} with {@code ocr}; the rest are one concern each.
 * Depends on {@code io.kiln.engine}, {@code io.kiln.engine.pdf} (loading, failures, page selection and limits shared with the pdf engine) and {@code io.kiln.error};
 * knows nothing of HTTP, jobs or storage.
 */
package io.kiln.engine.ocr;
