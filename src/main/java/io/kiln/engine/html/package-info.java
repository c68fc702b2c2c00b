/**
 * The {@code html} and {@code url} engines: HTML pages (with their images, stylesheets and fonts as
 * further inputs) and Markdown printed to PDF, Markdown made into a standalone HTML page, and web
 * pages printed to PDF.
 *
 * <p>Printing is behind one {@link io.kiln.engine.html.HtmlRenderer}, chosen at start, for two
 * reasons that pull apart: fidelity and footprint. Headless Chromium ({@code chromium} sub-package)
 * lays a page out as the browser a client checks it in does, runs its scripts and loads web pages,
 * but is a large native program that may be missing. {@link io.kiln.engine.html.OpenHtmlRenderer}
 * (openhtmltopdf on PDFBox) is pure Java and always there, runs no scripts and loads nothing but the
 * request's own files, which makes it the safe default for uploaded pages; it cannot print a URL.
 *
 * <p>Hence two converters over the same renderer: {@link io.kiln.engine.html.HtmlConverter}
 * ({@code html}, {@code htm}, {@code md} → {@code pdf}; {@code md} → {@code html}) is ready with
 * either renderer, while {@link io.kiln.engine.html.UrlConverter} ({@code url} → {@code pdf}) is
 * unavailable without a browser, so such a request answers 501 {@code engine_unavailable} with the
 * reason instead of failing later. Both read the options into one
 * {@link io.kiln.engine.html.PrintOptions} ({@code PrintOptionsReader}) and apply {@code pages} and
 * the page limit to the printed PDF ({@code PrintedPdf}), so {@code !1} works with every renderer.
 *
 * <p>Depends on {@code io.kiln.engine}, {@code io.kiln.engine.pdf.PageSelection} and
 * {@code io.kiln.error}; knows nothing of HTTP, jobs or storage. The address rules for web pages are
 * the Chromium renderer's to apply.
 */
package io.kiln.engine.html;
