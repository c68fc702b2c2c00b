package io.kiln.error;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells a failure of a dependency (the database gone, the disk full) from a bug, so that it is
 * answered 503 or 507 with {@code Retry-After} rather than 500. Recognised by what the JDK, JDBC,
 * PostgreSQL and H2 report: no library classifies these across both databases and the file system.
 */
public final class Outages {

    /** H2's codes for a database that closed under its users or could not write its file. */
    private static final int H2_DATABASE_CLOSED = 90098;
    private static final int H2_IO_EXCEPTION = 90028;
    private static final int H2_FILE_CORRUPTED = 90030;
    private static final int H2_CLOSED_AT_SHUTDOWN = 90121;
    private static final int H2_OBJECT_CLOSED = 90007;

    private Outages() {
    }

    /**
     * The outage {@code failure} shows, if it is one: no space left anywhere in its causes, a lost
     * database, or file storage that cannot be reached.
     */
    public static Optional<ServiceUnavailable> of(Throwable failure) {
        if (isDiskFull(failure)) {
            return Optional.of(new ServiceUnavailable(ErrorCode.STORAGE_FULL,
                    "the server has no storage space left; try again later", failure));
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && isConnectionLost(sql)) {
                return Optional.of(new ServiceUnavailable(ErrorCode.UNAVAILABLE,
                        "the job database cannot be reached; try again shortly", failure));
            }
            if (t instanceof StorageUnreachable) {
                return Optional.of(new ServiceUnavailable(ErrorCode.UNAVAILABLE,
                        "the file storage cannot be reached; try again shortly", failure));
            }
        }
        return Optional.empty();
    }

    /** Whether the failure is, somewhere in its causes, a file system out of space or quota. */
    public static boolean isDiskFull(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("no space left on device") || m.contains("disk quota exceeded")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A connection that failed or could not be had: SQL state class 08, PostgreSQL shutting down or
     * out of connections (57P01-57P03, 53300), the pool's timeout, or an embedded H2 that closed
     * after a failed write. Each of these says nothing about the statement, so retrying is right.
     */
    public static boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return e instanceof SQLTransientConnectionException || e instanceof SQLRecoverableException
                || state.startsWith("08") || state.startsWith("57P0") || state.equals("53300")
                || isH2Closed(e);
    }

    /** An embedded H2 whose store closed (after a write that failed): its connections are useless. */
    public static boolean isH2Closed(SQLException e) {
        int code = e.getErrorCode();
        return e.getClass().getName().startsWith("org.h2.") && (code == H2_DATABASE_CLOSED
                || code == H2_IO_EXCEPTION || code == H2_FILE_CORRUPTED || code == H2_CLOSED_AT_SHUTDOWN
                || code == H2_OBJECT_CLOSED && String.valueOf(e.getMessage()).contains("closed"));
    }
}
