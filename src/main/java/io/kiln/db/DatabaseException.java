package io.kiln.db;

import java.sql.SQLException;

/** A database call that failed; unchecked so stores keep clean signatures. */
public final class DatabaseException extends RuntimeException {
    public DatabaseException(String sql, SQLException cause) {
        super("database error: " + cause.getMessage() + " [" + sql + "]", cause);
    }

    /** True when a value was longer than its column (SQLState 22001, on H2 and PostgreSQL alike). */
    public boolean isValueTooLong() {
        return getCause() instanceof SQLException s && "22001".equals(s.getSQLState());
    }

    /** True when the failure is a unique/primary-key violation (SQLState class 23). */
    public boolean isDuplicateKey() {
        return getCause() instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23");
    }
}
