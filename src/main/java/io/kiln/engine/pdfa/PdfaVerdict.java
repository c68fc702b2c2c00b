package io.kiln.engine.pdfa;

import java.util.List;

/**
 * What veraPDF said of one file at one level.
 *
 * @param reasons the first few distinct rules it broke, each as {@code clause-test: description}; empty when compliant
 */
public record PdfaVerdict(PdfaLevel level, boolean compliant, List<String> reasons) {

    public PdfaVerdict {
        reasons = List.copyOf(reasons);
    }

    /** The client's sentence: why the file is not {@code level}. */
    public String explanation() {
        return "The result is not " + level + ", so none is returned; veraPDF found: " + String.join("; ", reasons)
                + (reasons.isEmpty() ? "no reason given" : "") + ".";
    }
}
