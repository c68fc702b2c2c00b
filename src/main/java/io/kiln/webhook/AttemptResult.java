package io.kiln.webhook;

/**
 * What one call came to, before it is written down as an {@link Attempt}.
 *
 * @param status the HTTP status, or null when no answer came
 * @param error a sentence for the history, or null when the status says it all
 * @param retryAfter the raw {@code Retry-After} header, or null
 * @param permanent retrying cannot help (a malformed URL, a scheme that is never called)
 */
record AttemptResult(Integer status, String error, String retryAfter, long durationMs, boolean permanent) {

    static final int GONE = 410;

    static AttemptResult answered(int status, String retryAfter, long durationMs) {
        String error = status / 100 == 3 ? "redirects are not followed (HTTP " + status + ")"
                : status == GONE ? "the receiver answered 410 Gone: no more attempts" : null;
        return new AttemptResult(status, error, retryAfter, durationMs, status == GONE);
    }

    static AttemptResult failed(String error, long durationMs) {
        return new AttemptResult(null, error, null, durationMs, false);
    }

    static AttemptResult never(String error) {
        return new AttemptResult(null, error, null, 0, true);
    }

    boolean succeeded() {
        return status != null && status / 100 == 2;
    }
}
