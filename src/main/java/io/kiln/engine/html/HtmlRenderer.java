package io.kiln.engine.html;

import io.kiln.engine.Availability;
import io.kiln.error.ConversionFailed;
import java.nio.file.Path;

/**
 * Something that prints an HTML page to PDF: headless Chromium when installed, else the pure-Java
 * renderer. The {@link HtmlConverter} picks one at start and {@code GET /v1/formats} names it.
 */
public interface HtmlRenderer extends AutoCloseable {

    /** {@code chromium} or {@code openhtmltopdf}. */
    String name();

    Availability availability();

    /** Whether it can load a page from a URL ({@code url → pdf}); the pure-Java renderer cannot. */
    boolean rendersUrls();

    /** Whether pages are printed inside the server's process (see {@link io.kiln.engine.Converter#runsInServerProcess}). */
    boolean runsInServerProcess();

    /**
     * Prints {@code request} to {@code pdf}. Every sub-resource the page asks for is checked against
     * the address rules; nothing outside the request's own files is read from the local disk.
     *
     * @throws ConversionFailed {@code timeout}, {@code url_forbidden}, {@code conversion_failed} and the like
     */
    void render(RenderRequest request, Path pdf) throws ConversionFailed, InterruptedException;

    @Override
    void close();
}
