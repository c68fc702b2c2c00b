package io.kiln.dialect.convertapi;

import java.io.IOException;
import java.io.InputStream;

/** One value of a ConvertAPI parameter as sent: text, or file content not stored yet. */
sealed interface ParameterValue {

    /** A plain value; for {@code File} a URL or the id of an uploaded file. */
    record Text(String value) implements ParameterValue {
    }

    /** File content (a multipart part, Base64 JSON data, a raw body), stored only once the caller is known. */
    record Content(String fileName, Source source) implements ParameterValue {
    }

    /** Opens the content; called once. */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }
}
