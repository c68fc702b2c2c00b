package io.kiln.dialect.pdfco;

import java.util.Set;

/** The PDF.co methods Kiln serves: path, Kiln target, how inputs and pages are given, and the answer's shape. */
enum PdfCoMethod {
    FROM_DOC("/v1/pdf/convert/from/doc", "pdf", "pdf", Inputs.ONE, Pages.IGNORED),
    FROM_HTML("/v1/pdf/convert/from/html", "pdf", "pdf", Inputs.HTML, Pages.IGNORED),
    FROM_URL("/v1/pdf/convert/from/url", "pdf", "pdf", Inputs.PAGE, Pages.IGNORED),
    FROM_IMAGE("/v1/pdf/convert/from/image", "pdf", "pdf", Inputs.LIST, Pages.IGNORED),
    TO_TEXT("/v1/pdf/convert/to/text", "txt", "txt", Inputs.ONE, Pages.ZERO_BASED),
    TO_TEXT_SIMPLE("/v1/pdf/convert/to/text-simple", "txt", "txt", Inputs.ONE, Pages.ZERO_BASED),
    TO_PNG("/v1/pdf/convert/to/png", "png", "png", Inputs.ONE, Pages.ZERO_BASED),
    TO_JPG("/v1/pdf/convert/to/jpg", "jpg", "jpg", Inputs.ONE, Pages.ZERO_BASED),
    // PDF.co's reference (pdf-to-excel) and samples ("PDF To XLSX"): url, pages from 0, password, name;
    // to/xls (the legacy binary format) is not served: Kiln writes xlsx only
    TO_XLSX("/v1/pdf/convert/to/xlsx", "xlsx", "xlsx", Inputs.ONE, Pages.ZERO_BASED),
    MERGE("/v1/pdf/merge", "merge", "pdf", Inputs.LIST, Pages.IGNORED),
    SPLIT("/v1/pdf/split", "split", "pdf", Inputs.ONE, Pages.ONE_BASED),
    INFO("/v1/pdf/info", "info", "json", Inputs.ONE, Pages.IGNORED),
    // PDF.co's reference ("PDF Forms Info Reader", docs.pdf.co/api-reference/forms/info-reader) and samples:
    // url, password, async, name, profiles; the info report with the form's fields (see FieldsInfo)
    INFO_FIELDS("/v1/pdf/info/fields", "info", "json", Inputs.ONE, Pages.IGNORED),
    MAKE_SEARCHABLE("/v1/pdf/makesearchable", "ocr", "pdf", Inputs.ONE, Pages.ZERO_BASED),
    // PDF.co's reference (developer.pdf.co/api-reference/pdf-delete-pages): pages count from 1 here
    DELETE_PAGES("/v1/pdf/edit/delete-pages", "remove-pages", "pdf", Inputs.ONE, Pages.ONE_BASED),
    // PDF.co's reference (pdf-search-text-and-delete): see DeleteTextParams; pages from 0
    DELETE_TEXT("/v1/pdf/edit/delete-text", "redact", "pdf", Inputs.ONE, Pages.ZERO_BASED),
    // PDF.co's samples (pdf-co-api-samples, "PDF Rotate Pages"): angle 90/180/270, pages from 0
    ROTATE("/v1/pdf/edit/rotate", "rotate", "pdf", Inputs.ONE, Pages.ZERO_BASED),
    // PDF.co's samples ("PDF Optimization API"): url, name, password, profiles (see OptimizeProfiles)
    OPTIMIZE("/v1/pdf/optimize", "compress", "pdf", Inputs.ONE, Pages.IGNORED),
    // PDF.co's samples ("PDF Password And Security") and its MCP server: see SecurityParams; the
    // input's own password, when it has one, is "password" as everywhere
    SECURITY_ADD("/v1/pdf/security/add", "protect", "pdf", Inputs.ONE, Pages.IGNORED),
    SECURITY_REMOVE("/v1/pdf/security/remove", "unprotect", "pdf", Inputs.ONE, Pages.IGNORED),
    // PDF.co's reference ("PDF Add Text, Images"): one object of images[] or annotations[] (see AddedObjects)
    ADD("/v1/pdf/edit/add", "stamp", "pdf", Inputs.ONE, Pages.IGNORED);

    /**
     * How the input document(s) are given: one {@code url}, a comma list of them, {@code html} text
     * or a {@code url}, or a web page {@code url} that the browser loads (not fetched as a file).
     */
    enum Inputs { ONE, LIST, HTML, PAGE }

    /** How {@code pages} counts. */
    enum Pages { ZERO_BASED, ONE_BASED, IGNORED }

    /** What the answer carries: one {@code url}, a list of {@code urls}, or the {@code info} object. */
    enum Answer { FILE, LIST, INFO }

    private static final Set<String> LIST_TARGETS = Set.of("png", "jpg", "split");

    final String path;
    final String target;
    final String ext;
    final Inputs inputs;
    final Pages pages;

    PdfCoMethod(String path, String target, String ext, Inputs inputs, Pages pages) {
        this.path = path;
        this.target = target;
        this.ext = ext;
        this.inputs = inputs;
        this.pages = pages;
    }

    Answer answer() {
        return answerFor(target);
    }

    /** The answer's shape for a job of this Kiln target (a job check knows only the job). */
    static Answer answerFor(String target) {
        if (target.equals("info")) {
            return Answer.INFO;
        }
        return LIST_TARGETS.contains(target) ? Answer.LIST : Answer.FILE;
    }
}
