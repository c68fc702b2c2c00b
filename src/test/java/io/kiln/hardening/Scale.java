package io.kiln.hardening;

/**
 * How hard the hardening scenarios push: {@code quick} inside {@code ./kiln test}, {@code full} with
 * {@code ./kiln test --hardening} (system property {@code kiln.hardening=full}).
 */
final class Scale {

    private Scale() {
    }

    static boolean full() {
        return "full".equals(System.getProperty("kiln.hardening"));
    }

    /** {@code quick} in the default run, {@code full} in the opt-in one. */
    static int pick(int quick, int full) {
        return full() ? full : quick;
    }

    static String name() {
        return full() ? "full" : "quick";
    }
}
