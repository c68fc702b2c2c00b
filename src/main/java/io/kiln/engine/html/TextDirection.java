package io.kiln.engine.html;

/** Which way a text mostly runs, judged by its strongly directional letters. */
final class TextDirection {

    private TextDirection() {
    }

    /** Whether more of {@code text}'s strong letters are right-to-left (Arabic, Hebrew, ...) than left-to-right. */
    static boolean mostlyRightToLeft(String text) {
        long rtl = 0;
        long ltr = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            switch (Character.getDirectionality(c)) {
                case Character.DIRECTIONALITY_RIGHT_TO_LEFT, Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC -> rtl++;
                case Character.DIRECTIONALITY_LEFT_TO_RIGHT -> ltr++;
                default -> {
                    // neutral: digits, punctuation, spaces
                }
            }
            i += Character.charCount(c);
        }
        return rtl > ltr;
    }
}
