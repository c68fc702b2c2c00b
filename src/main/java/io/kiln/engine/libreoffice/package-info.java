/**
 * The {@code libreoffice} engine: office documents (Writer, Calc, Impress formats) to PDF and to each
 * other, and PDF to DOCX, on a pool of warm LibreOffice processes driven through JODConverter.
 * {@link io.kiln.engine.libreoffice.LibreOfficeSettings}, {@link io.kiln.engine.libreoffice.LibreOfficePool}
 * and {@link io.kiln.engine.libreoffice.LibreOfficeConverter} are what the composition root wires;
 * the rest is one concern each (the profile that keeps macros and links off, load and export
 * properties, failures in the document's terms). A PDF/A result is checked with
 * {@code io.kiln.engine.pdfa}. Depends on {@code io.kiln.engine} and {@code io.kiln.error} only; knows nothing of HTTP, jobs or storage.
 */
package io.kiln.engine.libreoffice;
