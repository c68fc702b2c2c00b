package io.kiln.engine.pdf;

import io.kiln.engine.Capability;
import io.kiln.engine.Capability.Inputs;
import io.kiln.engine.OptionSpec;
import io.kiln.engine.pdfa.PdfaLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What the pdf engine offers, as listed by {@code GET /v1/formats}. */
final class PdfCapabilities {

    private static final Set<String> FROM = Set.of("pdf");
    private static final OptionSpec PAGES = OptionSpec.pages("pages to use, e.g. 1,3-5,!1 (default: all)");
    private static final OptionSpec PASSWORD = OptionSpec.string("password", "password that opens an encrypted source");
    private static final OptionSpec DPI = OptionSpec.integer("dpi", PageRendering.MIN_DPI, PageRendering.MAX_DPI,
            "resolution in dots per inch (default " + PageRendering.DEFAULT_DPI + ")");

    private PdfCapabilities() {
    }

    private static List<OptionSpec> metadataOptions() {
        List<OptionSpec> options = new ArrayList<>();
        MetadataWriting.STANDARD.forEach((option, key) -> options.add(OptionSpec.string(option,
                "the document's " + key + " (an empty value removes it)")));
        options.add(OptionSpec.string("custom", "other entries as a JSON object, e.g. {\"Department\":\"Sales\"}; null removes one"));
        options.add(PASSWORD);
        return options;
    }

    /** The options of a text mark, each default said once: in {@link TextMarking.Kind}. */
    private static List<OptionSpec> markOptions(TextMarking.Kind kind) {
        TextMark.Defaults d = kind.defaults;
        List<OptionSpec> options = new ArrayList<>();
        if (kind == TextMarking.Kind.PAGE_NUMBERS) {
            options.add(OptionSpec.string("format", "the text of each number: {n} is the page's number, {total} the last"
                    + " (default " + TextMarking.DEFAULT_FORMAT + "), e.g. Page {n} of {total}"));
            options.add(OptionSpec.integer("firstNumber", 0, 1_000_000, "the number of the first numbered page (default 1)"));
            options.add(OptionSpec.pages("skip", "pages to leave unnumbered, e.g. 1 for a cover (they are not counted)"));
        } else {
            options.add(OptionSpec.string("text", "the text to write; a line break starts a new line (required unless"
                    + " an image is sent as a second file)"));
            options.add(OptionSpec.string("image", "which of the files sent after the document is the image to draw"
                    + " (PNG, JPEG, or a PDF whose first page is drawn; at most " + MarkImage.MAX_PIXELS + " pixels; default: the second file)"));
            options.add(OptionSpec.decimal("width", 1, 14_400, "an image's width in points (default: fitted into "
                    + Math.round(ImageMarking.Kind.of(kind).share * 100) + "% of the page, keeping its proportions)"));
            options.add(OptionSpec.decimal("height", 1, 14_400, "an image's height in points (default: from its width"
                    + " and proportions)"));
            options.add(OptionSpec.bool("fitPage", "draw the image as large as the page allows inside the margin, keeping"
                    + " its proportions, as an overlay (default false)"));
        }
        options.add(OptionSpec.oneOf("font", MarkFonts.NAMES, "typeface (default sans)"));
        options.add(OptionSpec.decimal("fontSize", 1, 500, "size in points (default " + fmt(d.size()) + ")"));
        options.add(OptionSpec.string("color", "colour as #RRGGBB (default " + d.color() + ")"));
        options.add(OptionSpec.decimal("opacity", 0, 1, "0 transparent to 1 opaque (default " + fmt(d.opacity()) + ")"));
        options.add(OptionSpec.decimal("rotation", -360, 360, "degrees, anticlockwise (default "
                + (d.rotation() == 0 ? "0" : fmt(d.rotation()) + " for text at the centre or tiled, else 0") + ")"));
        options.add(OptionSpec.oneOf("position", Placement.NAMES, "where on the page (default " + d.placement().wire() + ")"));
        options.add(OptionSpec.decimal("margin", 0, 1_000, "distance from the page's edges in points (default "
                + fmt(d.margin()) + ")"));
        options.add(OptionSpec.decimal("x", -14_400, 14_400, "shift to the right from the position, in points (default 0)"));
        options.add(OptionSpec.decimal("y", -14_400, 14_400, "shift upwards from the position, in points (default 0)"));
        options.add(OptionSpec.oneOf("layer", TextMark.LAYERS, "over the page's content or under it (default over)"));
        if (kind == TextMarking.Kind.WATERMARK) {
            options.add(OptionSpec.bool("tiled", "repeat the text or image over the whole page (default false)"));
        }
        options.add(OptionSpec.pages("pages to mark, e.g. 1,3-5,!1 (default: all)"));
        options.add(PASSWORD);
        return options;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** @param recognition the options of the OCR that reads pages without text ({@code lang}, {@code dpi}, {@code psm}) */
    static List<Capability> all(List<OptionSpec> recognition) {
        List<Capability> all = new ArrayList<>();
        List<OptionSpec> text = new ArrayList<>(List.of(PAGES, PASSWORD, OptionSpec.oneOf(TextExtraction.OCR_OPTION,
                OcrMode.NAMES, "which pages are read by OCR: never, auto (those without a text layer, such as scans)"
                        + " or always (default " + OcrMode.DEFAULT.wire() + ")")));
        recognition.forEach(o -> text.add(new OptionSpec(o.name(), o.type(), o.description() + "; OCR only",
                o.values(), o.min(), o.max())));
        all.add(new Capability(FROM, "txt", "txt", text, Inputs.ONE));
        all.add(one("xlsx", "xlsx", OptionSpec.pages("pages to export, a worksheet each, e.g. 1,3-5,!1 (default: all)"),
                PASSWORD));
        all.add(one("text-json", "json",
                OptionSpec.oneOf("text", TextJsonExtraction.TEXT_MODES, "the text as one string (document, the default),"
                        + " one per page (pages) or left out (none)"),
                OptionSpec.bool("lineBreaks", "keep the text's line breaks (default true); false joins lines with spaces"),
                OptionSpec.bool("words", "also list every word with its page and box, in points from the page's bottom"
                        + " left (default false)"),
                OptionSpec.bool("wordStyle", "list every word with its font, size and fill colour too (default false;"
                        + " implies words)"),
                PAGES, PASSWORD));
        for (RasterFormat format : RasterFormat.values()) {
            all.add(one(format.ext, format.ext, DPI, PAGES, PASSWORD));
        }
        all.add(new Capability(FROM, "pdf", "pdf", List.of(PAGES, PASSWORD), Inputs.MANY));
        all.add(new Capability(FROM, "merge", "pdf", List.of(PAGES, PASSWORD), Inputs.MANY));
        all.add(one("split", "pdf", OptionSpec.pages("ranges, one output each, e.g. 1-2,3,5- (default: every page)"),
                PASSWORD));
        all.add(one("info", "json", OptionSpec.bool(PdfInfo.FIELDS_OPTION, "also list the form's fields, as form-fields does"
                + " (default false)"), PASSWORD));
        all.add(one("rotate", "pdf",
                OptionSpec.oneOf("angle", PageRotation.ANGLES, "clockwise turn in degrees (default "
                        + PageRotation.DEFAULT_ANGLE + ")"),
                OptionSpec.pages("pages to turn, e.g. 1,3-5,!1 (default: all)"), PASSWORD));
        // protect is the name, encrypt the first one: both stay, one operation
        for (String to : List.of("protect", "encrypt")) {
            all.add(one(to, "pdf",
                    OptionSpec.string("userPassword", "password needed to open the result"),
                    OptionSpec.string("ownerPassword", "password that lifts the restrictions (default: a random one)"),
                    OptionSpec.bool("allowPrint", "whether printing is allowed (default true)"),
                    OptionSpec.bool("allowCopy", "whether copying text and images is allowed (default true)"),
                    OptionSpec.bool("allowModify", "whether changing the document is allowed (default true)"),
                    OptionSpec.bool("allowAnnotate", "whether adding or changing comments is allowed (default true)"),
                    OptionSpec.bool("allowFillForms", "whether filling in form fields is allowed (default true)"),
                    OptionSpec.bool("allowAssemble", "whether inserting, removing and turning pages is allowed (default: as allowModify)"),
                    OptionSpec.bool("allowPrintHighQuality", "whether printing at full quality is allowed (default: as allowPrint)"),
                    OptionSpec.oneOf("algorithm", EncryptionAlgorithm.NAMES, "cipher: aes-256 (default) or aes-128"),
                    PAGES, PASSWORD));
        }
        all.add(one("decrypt", "pdf", PAGES, PASSWORD));
        all.add(one("unprotect", "pdf", PAGES, PASSWORD));
        all.add(one("metadata", "json", PASSWORD));
        all.add(new Capability(FROM, "watermark", "pdf", markOptions(TextMarking.Kind.WATERMARK), Inputs.ASSETS));
        all.add(new Capability(FROM, "stamp", "pdf", markOptions(TextMarking.Kind.STAMP), Inputs.ASSETS));
        all.add(new Capability(FROM, "page-numbers", "pdf", markOptions(TextMarking.Kind.PAGE_NUMBERS), Inputs.ONE));
        all.add(new Capability(FROM, "set-metadata", "pdf", metadataOptions(), Inputs.ONE));
        all.add(one("flatten", "pdf", OptionSpec.bool("forms", "form fields become page content (default true)"),
                OptionSpec.bool("annotations", "comments, stamps, highlights and drawings become page content (default true)"),
                PASSWORD));
        all.add(one("form-fields", "json", PASSWORD));
        all.add(one("form-data", FormDataFormat.DEFAULT.ext(), OptionSpec.oneOf("format", FormDataFormat.NAMES,
                "xfdf (default) or fdf: the file the form's values are written as"), PASSWORD));
        // the values as an option, or as an FDF/XFDF file after the document (an asset)
        all.add(new Capability(FROM, "fill-form", "pdf", List.of(OptionSpec.string("fields",
                        "the values as a JSON object of field names (as form-fields reports them), e.g. {\"name\":\"Ada\",\"agree\":true}"
                        + " (required unless an FDF or XFDF file follows the document; over its values when both)"),
                OptionSpec.bool("flatten", "make the filled form page content (default false)"), PASSWORD), Inputs.ASSETS));
        all.add(one("remove-pages", "pdf", OptionSpec.pages("pages to take out, e.g. 2,4-6 (required)"), PASSWORD));
        all.add(one("extract-pages", "pdf", OptionSpec.pages("pages to keep, in this order, e.g. 5,1-3 (required)"),
                PASSWORD));
        all.add(one("reorder", "pdf", OptionSpec.pages("every page once, in the new order, e.g. 3,1,2 (required)"),
                PASSWORD));
        all.add(one("compress", "pdf",
                OptionSpec.oneOf("level", CompressionLevel.NAMES, "how hard to work on images: lossless keeps every pixel;"
                        + " low, medium and high downsample to " + CompressionLevel.LOW.dpi + ", " + CompressionLevel.MEDIUM.dpi
                        + " and " + CompressionLevel.HIGH.dpi + " dpi (default " + CompressionLevel.DEFAULT.wire() + ")"),
                OptionSpec.integer("dpi", 36, 1200, "resolution images are downsampled to when drawn at more than "
                        + CompressionLevel.THRESHOLD + " times it (default: the level's)"),
                OptionSpec.integer("quality", 1, 100, "JPEG quality of recompressed photographs (default: the level's,"
                        + " " + Math.round(CompressionLevel.MEDIUM.quality * 100) + " at medium)"),
                PASSWORD));
        all.add(one("redact", "pdf", redactOptions()));
        all.add(one("pdfa", "pdf", OptionSpec.oneOf("level", PdfaLevel.NAMES, "the PDF/A part and conformance (default "
                + PdfaLevel.DEFAULT.wire() + "); u also maps every character to Unicode"), PASSWORD));
        return List.copyOf(all);
    }

    private static OptionSpec[] redactOptions() {
        return new OptionSpec[] {
            OptionSpec.string("text", "text to remove wherever it appears: one literal a line, or a JSON array of strings;"
                    + " a space also matches a line break (at least one of text, regex, areas, or redaction marks in the document)"),
            OptionSpec.string("regex", "a Java regular expression whose matches are removed, e.g. [\\w.+-]+@[\\w-]+\\.[\\w.]+"
                    + " (case-sensitive unless it says (?i))"),
            OptionSpec.bool("caseSensitive", "whether text must match in case (default false)"),
            OptionSpec.string("areas", "rectangles to remove whatever lies in them, as JSON"
                    + " [{\"page\":1,\"x\":72,\"y\":100,\"width\":200,\"height\":40}]: points from the top left"
                    + " of the page as shown (after its rotation); without page, on every page redacted"),
            OptionSpec.string("color", "colour of the boxes drawn over what was removed, as #RRGGBB (default "
                    + RedactionRequest.DEFAULT_COLOR + ")"),
            OptionSpec.bool("boxes", "whether filled boxes are drawn over what was removed (default true); without them"
                    + " the text just leaves a gap"),
            OptionSpec.bool("preview", "remove nothing: mark each box with a redaction annotation to review (default false)"),
            OptionSpec.bool("marks", "apply the document's redaction annotations too, as a preview or Acrobat leaves them"
                    + " (default true)"),
            OptionSpec.pages("pages to search for text and to apply areas without a page to, e.g. 1,3-5,!1 (default: all);"
                    + " an area with a page applies there in any case"),
            PASSWORD};
    }

    private static Capability one(String to, String ext, OptionSpec... options) {
        return new Capability(FROM, to, ext, List.of(options), Inputs.ONE);
    }
}
