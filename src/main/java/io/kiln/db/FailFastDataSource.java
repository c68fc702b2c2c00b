package io.kiln.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connection pool, answering "unreachable" at once for a moment after it could not hand out a
 * connection. While the database is down every caller would otherwise wait the pool's whole timeout,
 * once per statement: a request that touches the database three times answered 503 only after
 * seconds. With this, one caller a moment pays the wait and the rest are told at once. Hikari has no
 * such mode and a circuit-breaker library is much more than this one latch.
 */
final class FailFastDataSource implements DataSource {

    /** How long after a failed wait callers are refused without trying: short, so recovery is seen soon. */
    static final Duration HOLD = Duration.ofMillis(1000);

    private final DataSource pool;
    private volatile long refuseUntil;
    private volatile String lastFailure = "";

    FailFastDataSource(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        refuseWhileHeld();
        try {
            return pool.getConnection();
        } catch (SQLTransientConnectionException e) {
            hold(e);
            throw e;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        refuseWhileHeld();
        try {
            return pool.getConnection(username, password);
        } catch (SQLTransientConnectionException e) {
            hold(e);
            throw e;
        }
    }

    private void refuseWhileHeld() throws SQLTransientConnectionException {
        long until = refuseUntil;
        if (until != 0 && System.nanoTime() - until < 0) {
            // SQL state 08001: the client could not connect, which Outages answers as 503
            throw new SQLTransientConnectionException("the database could not be reached a moment ago: "
                    + lastFailure, "08001");
        }
    }

    private void hold(SQLException e) {
        lastFailure = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        refuseUntil = System.nanoTime() + HOLD.toNanos();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
