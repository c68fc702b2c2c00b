package io.kiln.engine.ocr;

import io.kiln.engine.Options;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How tesseract should read a page: its languages ({@code eng}, {@code eng+deu}), checked against
 * those installed, and an optional page segmentation mode.
 */
record RecognitionOptions(String languages, Optional<String> segmentation) {

    /** Modes that produce text: 0 only detects orientation and 2 is not implemented by tesseract. */
    static final List<String> SEGMENTATION_MODES =
            List.of("1", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13");

    /** @throws ConversionFailed {@code invalid_option} naming a language that is not installed */
    static RecognitionOptions of(Options options, TesseractInstallation tesseract) {
        String lang = options.string("lang").orElse(tesseract.defaultLanguage());
        List<String> unknown = Arrays.stream(lang.split("\\+", -1))
                .filter(l -> !tesseract.languages().contains(l))
                .toList();
        if (!unknown.isEmpty()) {
            String named = unknown.contains("") ? lang : String.join("+", unknown);
            throw new ConversionFailed(ErrorCode.INVALID_OPTION, "lang: '" + named
                    + "' is not an installed OCR language; installed: " + String.join(", ", tesseract.languages())
                    + " (join several with +, e.g. eng+deu).");
        }
        return new RecognitionOptions(lang, options.string("psm"));
    }

    /** The command-line arguments that say this. */
    List<String> arguments() {
        return segmentation.map(psm -> List.of("-l", languages, "--psm", psm)).orElse(List.of("-l", languages));
    }
}
