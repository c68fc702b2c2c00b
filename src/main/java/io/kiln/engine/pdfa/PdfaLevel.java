package io.kiln.engine.pdfa;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/**
 * A part and conformance of ISO 19005 that Kiln writes. Only the levels that need no tagged
 * structure: "b" (the pages look the same for ever) and "u" (b, and every character maps to
 * Unicode); "a" would need a logical structure ordinary PDFs do not have.
 */
public enum PdfaLevel {
    A1B("1b", 1, "B", PDFAFlavour.PDFA_1_B),
    A2B("2b", 2, "B", PDFAFlavour.PDFA_2_B),
    A3B("3b", 3, "B", PDFAFlavour.PDFA_3_B),
    A2U("2u", 2, "U", PDFAFlavour.PDFA_2_U),
    A3U("3u", 3, "U", PDFAFlavour.PDFA_3_U);

    public static final PdfaLevel DEFAULT = A2B;
    /** The option's values, as clients write them. */
    public static final List<String> NAMES = Arrays.stream(values()).map(PdfaLevel::wire).toList();

    private final String wire;
    private final int part;
    private final String conformance;
    private final PDFAFlavour flavour;

    PdfaLevel(String wire, int part, String conformance, PDFAFlavour flavour) {
        this.wire = wire;
        this.part = part;
        this.conformance = conformance;
        this.flavour = flavour;
    }

    public static Optional<PdfaLevel> fromWire(String name) {
        return Arrays.stream(values()).filter(l -> l.wire.equalsIgnoreCase(name.strip())).findFirst();
    }

    /** The option value, e.g. {@code 2b}. */
    public String wire() {
        return wire;
    }

    /** ISO 19005's part: 1 (PDF 1.4 based), 2 or 3 (PDF 1.7 based). */
    public int part() {
        return part;
    }

    /** {@code pdfaid:conformance}: B or U. */
    public String conformance() {
        return conformance;
    }

    /** PDF/A-1 allows no transparency, no optional content, no object streams. */
    public boolean isPart1() {
        return part == 1;
    }

    /** Only part 3 may carry files of any kind; part 2 only PDF/A ones, which Kiln does not check. */
    public boolean allowsEmbeddedFiles() {
        return part == 3;
    }

    /** The PDF version a file of this level declares. */
    public float pdfVersion() {
        return part == 1 ? 1.4f : 1.7f;
    }

    PDFAFlavour flavour() {
        return flavour;
    }

    @Override
    public String toString() {
        return "PDF/A-" + part + conformance.toLowerCase(java.util.Locale.ROOT);
    }
}
