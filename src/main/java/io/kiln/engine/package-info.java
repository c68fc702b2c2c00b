/**
 * Conversion engines behind one {@link io.kiln.engine.Converter} interface. Each converter declares
 * the {@link io.kiln.engine.Capability capabilities} it offers; the
 * {@link io.kiln.engine.ConverterRegistry} picks one per request and is what {@code GET /v1/formats}
 * is generated from. Engines work on local files and know nothing of HTTP, jobs or storage.
 * Sub-packages hold one engine each.
 */
package io.kiln.engine;
