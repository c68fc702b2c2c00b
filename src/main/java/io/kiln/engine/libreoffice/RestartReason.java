package io.kiln.engine.libreoffice;

/** Why an office process was replaced by a fresh one; each restart is logged and counted by reason. */
public enum RestartReason {
    /** it ran its allowance of conversions ({@link LibreOfficeSettings#maxTasksPerProcess()}) */
    MAX_TASKS,
    /** it died or its connection was lost during a conversion */
    CRASH,
    /** a conversion ran past its time limit; the process was killed */
    TIMEOUT,
    /** the job was cancelled (its thread interrupted) mid-conversion; the process was killed */
    CANCELLED,
    /** it reached its address-space limit: what it holds is fragmented, and its peak would mark later failures */
    MEMORY,
    /** it could not be started; another attempt follows after a pause */
    START_FAILED
}
