package io.kiln.engine;

import java.nio.file.Path;

/**
 * One file a conversion wrote under its work directory.
 *
 * @param name file name to present to the client, with extension
 * @param pageCount pages of the output when it has pages (pdf, tiff), else null
 */
public record ProducedFile(Path path, String name, String ext, Integer pageCount) {
}
