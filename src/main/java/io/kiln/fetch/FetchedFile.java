package io.kiln.fetch;

import java.net.URI;
import java.nio.file.Path;

/**
 * A URL downloaded to a local file.
 *
 * @param finalUrl the URL the body came from, after redirects
 * @param path where the body was written
 * @param fileName a safe file name, from {@code Content-Disposition} or else the URL's path
 * @param contentType the media type the server declared, without parameters, lower case;
 *     {@code application/octet-stream} when it declared none
 * @param size the body's size in bytes, as written (after any content decoding)
 */
public record FetchedFile(URI finalUrl, Path path, String fileName, String contentType, long size) {}
