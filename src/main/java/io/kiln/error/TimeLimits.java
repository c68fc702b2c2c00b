package io.kiln.error;

import java.time.Duration;

/**
 * A time limit as error messages say it: whole seconds as {@code 5 s}, anything finer in
 * milliseconds. One wording, because two layers holding the same limit may either be the one to fire.
 */
public final class TimeLimits {

    private TimeLimits() {
    }

    public static String said(Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    }
}
