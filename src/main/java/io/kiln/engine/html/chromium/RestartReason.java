package io.kiln.engine.html.chromium;

/** Why a browser was replaced by a fresh one; each restart is logged and counted by reason. */
public enum RestartReason {
    /** it printed its allowance of pages ({@link ChromiumSettings#maxRendersPerBrowser()}) */
    MAX_RENDERS,
    /** it died or its DevTools connection was lost */
    CRASH,
    /** a render ran past its time limit; the browser was killed in case it is wedged */
    TIMEOUT,
    /** the caller was interrupted (job cancelled) mid-render; the browser was killed */
    CANCELLED,
    /** it could not be started; another attempt follows after a pause */
    START_FAILED
}
