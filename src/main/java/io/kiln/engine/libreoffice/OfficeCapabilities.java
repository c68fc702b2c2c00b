package io.kiln.engine.libreoffice;

import io.kiln.engine.Capability;
import io.kiln.engine.Capability.Inputs;
import io.kiln.engine.OptionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What the libreoffice engine offers, as listed by {@code GET /v1/formats}. */
final class OfficeCapabilities {

    /** The most sheets the {@code sheet} option may name. */
    static final int MAX_SHEET = 10_000;

    private static final OptionSpec PAGES = OptionSpec.pages("pages to keep, e.g. 1,3-5,!1 (default: all)");
    private static final OptionSpec PASSWORD = OptionSpec.string("password", "password that opens an encrypted source");
    private static final OptionSpec PDFA = OptionSpec.bool("pdfa", "write PDF/A-2b (default false)");
    private static final OptionSpec LANDSCAPE = OptionSpec.bool("landscape",
            "turn every page to landscape (default false: as the document says)");
    private static final OptionSpec SINGLE_PAGE_SHEETS = OptionSpec.bool("singlePageSheets",
            "put each sheet on one page (default false)");
    private static final OptionSpec SHEET = OptionSpec.integer("sheet", 1, MAX_SHEET,
            "which sheet to write, counting from 1 (default 1)");

    private OfficeCapabilities() {
    }

    static List<Capability> all() {
        List<Capability> all = new ArrayList<>();
        Set<String> text = DocumentKind.TEXT.sources;
        all.add(one(text, "pdf", PAGES, PDFA, LANDSCAPE, PASSWORD));
        for (String to : List.of("docx", "odt", "rtf")) {
            all.add(one(text, to, LANDSCAPE, PASSWORD));
        }
        all.add(one(text, "txt", PASSWORD));
        all.add(one(text, "html", PASSWORD));

        Set<String> sheets = DocumentKind.SPREADSHEET.sources;
        all.add(one(sheets, "pdf", PAGES, PDFA, LANDSCAPE, SINGLE_PAGE_SHEETS, PASSWORD));
        all.add(one(sheets, "xlsx", LANDSCAPE, PASSWORD));
        all.add(one(sheets, "ods", LANDSCAPE, PASSWORD));
        all.add(one(sheets, "csv", SHEET, PASSWORD));
        all.add(one(sheets, "html", PASSWORD));

        Set<String> slides = DocumentKind.PRESENTATION.sources;
        all.add(one(slides, "pdf", PAGES, PDFA, PASSWORD));
        all.add(one(slides, "pptx", PASSWORD));
        all.add(one(slides, "odp", PASSWORD));

        all.add(one(Set.of("pdf"), "docx", PASSWORD));
        all.add(one(Set.of("pdf"), "pptx", PASSWORD));
        return List.copyOf(all);
    }

    private static Capability one(Set<String> from, String to, OptionSpec... options) {
        return new Capability(from, to, to, List.of(options), Inputs.ONE);
    }
}
