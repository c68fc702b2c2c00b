package io.kiln.testing;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/**
 * veraPDF asked directly, as an archive's ingest would ask it: a second opinion on a file the engine
 * already checked with its own code, so a test does not take the engine's word for it.
 */
public final class VeraPdf {

    static {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private VeraPdf() {
    }

    /** The rules {@code pdf} breaks at {@code flavour} (e.g. {@code 2b}), as {@code clause-test}; empty when compliant. */
    public static List<String> brokenRules(Path pdf, String flavour) throws Exception {
        PDFAFlavour f = PDFAFlavour.fromString(flavour);
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new File(pdf.toString()), f);
             PDFAValidator validator = Foundries.defaultInstance().createValidator(f, false)) {
            ValidationResult result = validator.validate(parser);
            List<String> broken = result.getTestAssertions().stream()
                    .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                    .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber()).distinct().toList();
            if (result.isCompliant() != broken.isEmpty()) {
                throw new IllegalStateException("veraPDF says compliant=" + result.isCompliant() + " with " + broken);
            }
            return broken;
        }
    }
}
