package io.kiln.engine.pdf;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which cell texts become numeric cells: plain numbers, with an optional sign, thousands grouped by
 * commas, and a decimal point. The rest stay text, on purpose: a leading zero (postcodes, account
 * numbers) or more than {@link #MAX_DIGITS} digits (card and ID numbers) would be changed by a
 * spreadsheet's number, and a comma decimal ({@code 1.234,5}) cannot be told from grouping.
 */
final class CellNumber {

    /** The digits a spreadsheet's number keeps exactly (a double's 15 significant digits). */
    static final int MAX_DIGITS = 15;

    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:0|[1-9]\\d{0,2}(?:,\\d{3})+|[1-9]\\d*)(?:\\.\\d+)?");

    private CellNumber() {
    }

    /** The number {@code text} is, when it is one; a typographic minus (U+2212) counts as a minus. */
    static Optional<BigDecimal> of(String text) {
        String t = text.replace('\u2212', '-');
        if (!NUMBER.matcher(t).matches()) {
            return Optional.empty();
        }
        String plain = t.replace(",", "");
        if (plain.chars().filter(Character::isDigit).count() > MAX_DIGITS) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(plain));
    }
}
