package io.kiln.engine.html;

import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A paper or margin length as the options write it: a number and a unit ({@code 210mm}, {@code 21cm},
 * {@code 8.5in}, {@code 72pt}, {@code 600px} at 96 px per inch). A bare number is inches, as
 * Chromium's {@code printToPDF} and Gotenberg take it.
 */
final class PrintLength {

    private static final Pattern SYNTAX = Pattern.compile("([0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)\\s*([a-z]*)");
    private static final Map<String, Double> PER_INCH = Map.of(
            "", 1.0, "in", 1.0, "mm", 25.4, "cm", 2.54, "pt", 72.0, "px", 96.0);

    /** The syntax, for option descriptions. */
    static final String HELP = "a number with a unit: mm, cm, in, pt or px (96 per inch); a bare number is inches";

    private PrintLength() {
    }

    /**
     * {@code raw} in inches.
     *
     * @throws ConversionFailed {@code invalid_option} naming {@code option} when it is not a length
     */
    static double inches(String option, String raw) {
        Matcher m = SYNTAX.matcher(raw.trim().toLowerCase(Locale.ROOT));
        Double perInch = m.matches() ? PER_INCH.get(m.group(2)) : null;
        if (perInch == null) {
            throw new ConversionFailed(ErrorCode.INVALID_OPTION,
                    option + " must be a length such as 210mm, 21cm, 8.5in, 72pt or 600px, not '" + raw.trim() + "'");
        }
        return Double.parseDouble(m.group(1)) / perInch;
    }
}
