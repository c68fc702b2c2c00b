/**
 * PDF/A: the conformance levels Kiln writes ({@link io.kiln.engine.pdfa.PdfaLevel}), the veraPDF
 * check every PDF/A output passes before it is called one ({@link io.kiln.engine.pdfa.PdfaValidation}),
 * and the Ghostscript pass that embeds the fonts a document leaves out
 * ({@link io.kiln.engine.pdfa.Ghostscript}). Used by the engines that write PDF/A (pdf, libreoffice);
 * depends on {@code io.kiln.engine} and {@code io.kiln.error} only.
 */
package io.kiln.engine.pdfa;
