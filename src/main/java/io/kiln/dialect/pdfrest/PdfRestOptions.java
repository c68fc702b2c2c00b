package io.kiln.dialect.pdfrest;

import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The parameters of pdfRest's page, security and flattening routes as Kiln options (watermarks: {@link WatermarkParams}). */
final class PdfRestOptions {

    /** pdfRest's {@code restrictions[]} values (its reference, §POST /restricted-pdf) and the Kiln permission each one turns off. */
    private static final Map<String, String> RESTRICTIONS = Map.of(
            "print_low", "allowPrint", "print_high", "allowPrintHighQuality",
            "edit_content", "allowModify", "edit_document_assembly", "allowAssemble",
            "copy_content", "allowCopy", "edit_annotations", "allowAnnotate",
            "edit_fill_and_sign_form_fields", "allowFillForms");

    /** Page lists of {@code /merged-pdf} that mean a whole input: the only ones Kiln's merge can take per input. */
    private static final Set<String> WHOLE = Set.of("1-last", "1-", "all");

    private PdfRestOptions() {
    }

    static Map<String, String> none(PdfRestParams p) {
        return Map.of();
    }

    static Map<String, String> split(PdfRestParams p) {
        List<String> ranges = p.list("pages");
        if (ranges.isEmpty()) {
            return Map.of(); // one output per page, as pdfRest does
        }
        List<String> each = ranges.stream().map(r -> {
            if (r.contains(",")) {
                throw new RequestRejected(ErrorCode.INVALID_OPTION,
                        "pages: '" + r + "' lists several ranges for one output; send one range per pages[]");
            }
            return PdfRestPages.toKiln("pages", r);
        }).toList();
        return Map.of("pages", String.join(",", each));
    }

    static Map<String, String> merge(PdfRestParams p) {
        for (String pages : p.list("pages")) {
            if (!WHOLE.contains(pages)) {
                throw new RequestRejected(ErrorCode.INVALID_OPTION,
                        "pages: '" + pages + "' — only whole inputs (1-last) can be merged");
            }
        }
        return Map.of();
    }

    /**
     * {@code compression_level} low, medium or high (required; pdfRest's samples send medium), Kiln's
     * levels of the same names. {@code custom}, with a profile file of pdfRest's own, is refused.
     */
    static Map<String, String> compress(PdfRestParams p) {
        Map<String, String> o = opening(p);
        String level = p.required("compression_level");
        if (!List.of("low", "medium", "high").contains(level)) {
            throw new RequestRejected(ErrorCode.INVALID_OPTION, "compression_level: '" + level + "' is not one of low, medium, high"
                    + (level.equals("custom") ? " (custom compression profiles are not supported)" : ""));
        }
        o.put("level", level);
        return o;
    }

    /** pdfRest's {@code languages} names (its reference, §POST /pdf-with-ocr-text) and Tesseract's. */
    private static final Map<String, String> LANGUAGES = Map.ofEntries(
            Map.entry("English", "eng"), Map.entry("German", "deu"), Map.entry("French", "fra"),
            Map.entry("Spanish", "spa"), Map.entry("Italian", "ita"), Map.entry("Portuguese", "por"),
            Map.entry("Dutch", "nld"), Map.entry("Japanese", "jpn"), Map.entry("Korean", "kor"),
            Map.entry("ChineseSimplified", "chi_sim"), Map.entry("ChineseTraditional", "chi_tra"));

    /**
     * {@code /pdf-with-ocr-text}: {@code languages} (comma-separated, English by default) as Tesseract's
     * {@code lang}; a language whose data is not installed is refused by the ocr engine, naming it.
     */
    static Map<String, String> ocr(PdfRestParams p) {
        List<String> langs = new ArrayList<>();
        for (String name : p.text("languages").orElse("English").split(",")) {
            String lang = LANGUAGES.get(name.trim());
            if (lang == null) {
                throw new RequestRejected(ErrorCode.INVALID_OPTION, "languages: '" + name.trim() + "' is not one of "
                        + String.join(", ", new java.util.TreeSet<>(LANGUAGES.keySet())));
            }
            langs.add(lang);
        }
        return Map.of("lang", String.join("+", langs));
    }

    /**
     * {@code /exported-form-data}: {@code data_format} (required) fdf or xfdf, which Kiln writes for an
     * AcroForm. pdfRest's own {@code xml} layout is not published, and XFA's {@code xdp}/{@code xfd}
     * need an XFA engine, so those are refused by name rather than answered with something else.
     */
    static Map<String, String> exportFormData(PdfRestParams p) {
        String format = p.required("data_format");
        if (!List.of("fdf", "xfdf").contains(format)) {
            throw new RequestRejected(ErrorCode.INVALID_OPTION, "data_format: '" + format + "' is not offered; use fdf or xfdf"
                    + (List.of("xml", "xdp", "xfd").contains(format) ? " (Kiln exports AcroForm data only as FDF and XFDF)" : ""));
        }
        return Map.of("format", format);
    }

    /**
     * {@code output_type} PDF/A-1b, -2b, -2u, -3b or -3u (required, as pdfRest's samples send it).
     * {@code rasterize_if_errors_encountered=on} is refused: Kiln never answers pages turned into
     * pictures as the document; a file veraPDF rejects is a failed request with its reasons.
     */
    static Map<String, String> pdfa(PdfRestParams p) {
        Map<String, String> o = opening(p);
        String type = p.required("output_type");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("PDF/A-([123][bu])").matcher(type.trim());
        if (!m.matches() || m.group(1).equals("1u")) {
            throw new RequestRejected(ErrorCode.INVALID_OPTION, "output_type: '" + type
                    + "' is not one of PDF/A-1b, PDF/A-2b, PDF/A-2u, PDF/A-3b, PDF/A-3u");
        }
        if (p.text("rasterize_if_errors_encountered").filter("on"::equals).isPresent()) {
            throw new RequestRejected(ErrorCode.INVALID_OPTION,
                    "rasterize_if_errors_encountered: on is not supported (pages are never turned into images)");
        }
        o.put("level", m.group(1));
        return o;
    }

    static Map<String, String> flattenForms(PdfRestParams p) {
        return Map.of("annotations", "false");
    }

    static Map<String, String> flattenAnnotations(PdfRestParams p) {
        return Map.of("forms", "false");
    }

    static Map<String, String> encrypt(PdfRestParams p) {
        Map<String, String> o = opening(p);
        o.put("userPassword", p.required("new_open_password"));
        p.text("current_permissions_password").ifPresent(pw -> o.put("ownerPassword", pw));
        return o;
    }

    static Map<String, String> restrict(PdfRestParams p) {
        Map<String, String> o = opening(p);
        o.put("ownerPassword", p.required("new_permissions_password"));
        p.text("current_open_password").ifPresent(pw -> o.put("userPassword", pw)); // pdfRest keeps it
        for (String r : p.list("restrictions")) {
            if (r.equals("accessibility_off")) {
                continue; // Kiln always leaves extraction for accessibility on, as PDF 2.0 asks
            }
            String permission = RESTRICTIONS.get(r);
            if (permission == null) {
                throw new RequestRejected(ErrorCode.INVALID_OPTION, "restrictions: '" + r + "' is not one of "
                        + String.join(", ", new java.util.TreeSet<>(RESTRICTIONS.keySet())) + ", accessibility_off");
            }
            o.put(permission, "false");
        }
        return o;
    }

    static Map<String, String> decrypt(PdfRestParams p) {
        return Map.of("password", p.required("current_open_password"));
    }

    static Map<String, String> unrestrict(PdfRestParams p) {
        return Map.of("password", p.required("current_permissions_password"));
    }

    /** The password that opens the input, when it already has one. */
    private static Map<String, String> opening(PdfRestParams p) {
        Map<String, String> o = new LinkedHashMap<>();
        p.text("current_open_password").or(() -> p.text("current_permissions_password"))
                .ifPresent(pw -> o.put("password", pw));
        return o;
    }
}
