package io.kiln.engine.libreoffice;

import io.kiln.engine.Options;
import java.util.LinkedHashMap;
import java.util.Map;

/** The store descriptor for one target: filter, its options and filter data (PDF/A, one page per sheet). */
final class ExportProperties {

    /** PDF export {@code SelectPdfVersion} for PDF/A-2b. */
    static final int PDF_A_2B = 2;

    private ExportProperties() {
    }

    static Map<String, Object> forTarget(DocumentKind kind, String target, String filter, Options options) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("FilterName", filter);
        p.put("Overwrite", true);
        Map<String, Object> data = new LinkedHashMap<>();
        switch (target) {
            case "pdf" -> {
                if (options.bool("pdfa", false)) {
                    data.put("SelectPdfVersion", PDF_A_2B);
                }
                if (kind == DocumentKind.SPREADSHEET && options.bool("singlePageSheets", false)) {
                    data.put("SinglePageSheets", true);
                }
            }
            case "txt" -> p.put("FilterOptions", "UTF8,LF");
            case "csv" -> p.put("FilterOptions", csvOptions(options.integer("sheet", 1)));
            case "html" -> p.put("FilterOptions", "EmbedImages");
            default -> {
                // the filter's defaults
            }
        }
        if (!data.isEmpty()) {
            p.put("FilterData", data);
        }
        return p;
    }

    /**
     * CSV export tokens: comma, {@code "}, UTF-8, from line 1, no column formats, system language,
     * quoted text as text, detect special numbers, save cells as shown, values not formulas, keep
     * spaces, and token 12: the 1-based sheet to write (LibreOffice 7.2 and later).
     */
    static String csvOptions(int sheet) {
        return "44,34,76,1,,0,false,true,true,false,false," + sheet;
    }
}
