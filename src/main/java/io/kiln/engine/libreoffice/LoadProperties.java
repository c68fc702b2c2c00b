package io.kiln.engine.libreoffice;

import com.sun.star.document.MacroExecMode;
import com.sun.star.document.UpdateDocMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The media descriptor every document is loaded with: hidden, read-only, macros never run, links
 * never updated, questions answered by {@link InteractionAnswers}. No {@code Referer} is given: the
 * document itself must load, while what it links to is refused by the profile's
 * {@code BlockUntrustedRefererLinks} (the document's own location, the referer of its links, is not
 * a trusted location).
 */
final class LoadProperties {

    /** Comma-separated, {@code "}-quoted, UTF-8 (76), data from line 1. */
    static final String CSV_IMPORT_OPTIONS = "44,34,76,1";

    private LoadProperties() {
    }

    /**
     * A PDF opens in the application that writes the target: Writer's import (text boxes) for a
     * document, Impress's (a slide a page) for a presentation.
     */
    static Map<String, Object> forSource(String format, String target, Optional<String> password,
                                         InteractionAnswers answers) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("Hidden", true);
        p.put("ReadOnly", true);
        p.put("MacroExecutionMode", MacroExecMode.NEVER_EXECUTE);
        p.put("UpdateDocMode", UpdateDocMode.NO_UPDATE);
        p.put("InteractionHandler", answers);
        password.ifPresent(pw -> p.put("Password", pw));
        switch (format) {
            case "pdf" -> p.put("FilterName", DocumentKind.PRESENTATION.exportFilter(target).isPresent()
                    ? "impress_pdf_import" : "writer_pdf_import");
            case "csv" -> {
                p.put("FilterName", "Text - txt - csv (StarCalc)");
                p.put("FilterOptions", CSV_IMPORT_OPTIONS);
            }
            default -> {
                // LibreOffice recognises the rest by content (and the file's extension)
            }
        }
        return p;
    }
}
