/**
 * Conversion engines behind one {@link io.kiln.engine.Converter} interface. Each converter declares
 * the {@link io.kiln.engine.Capability capabilities} it offers; the
 * {@link io.kiln.engine.ConverterRegistry} picks one per request and is what {@code GET /v1/formats}
 * is generated from. Engines work on local files and know nothing of HTTP, jobs or storage.
 * Sub-packages hold one engine each; an engine that needs another's work is handed it as an interface
 * of this package ({@link io.kiln.engine.PageTextRecognition}: OCR of PDF pages for pdf → txt) by the
 * composition root, never by reaching into the other engine.
 */
package io.kiln.engine;
