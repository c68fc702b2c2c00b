package io.kiln.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.kiln.error.Outages;
import io.kiln.error.ServiceUnavailable;
import javax.sql.DataSource;

/** Thin JDBC runner: binds parameters in order, maps rows, turns SQLException into unchecked. */
public final class Sql {

    /** Maps one row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Statements run on one connection inside one transaction. */
    public interface Tx {
        int update(String sql, Object... params);

        <T> List<T> query(String sql, RowMapper<T> mapper, Object... params);
    }

    /** The body of a transaction; throwing rolls it back. */
    @FunctionalInterface
    public interface TxBody<T> {
        T run(Tx tx);
    }

    /** The connection of the transaction the current thread is in, per data source. */
    private static final ThreadLocal<Bound> BOUND = new ThreadLocal<>();

    private record Bound(DataSource dataSource, Connection connection) {
    }

    /** Work on one connection. */
    @FunctionalInterface
    private interface OnConnection<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;

    public Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code body} in one transaction: committed if it returns, rolled back if it throws. Every
     * statement of any {@code Sql} on the same data source that {@code body} runs on this thread
     * joins it, so several stores' writes become one commit; a transaction begun inside another
     * joins the outer one.
     */
    public <T> T inTransaction(TxBody<T> body) {
        Bound outer = BOUND.get();
        if (outer != null && outer.dataSource() == dataSource) {
            return body.run(tx(outer.connection()));
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            BOUND.set(new Bound(dataSource, c));
            try {
                T result = body.run(tx(c));
                c.commit();
                return result;
            } catch (RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                BOUND.set(outer);
                try {
                    c.setAutoCommit(true);
                } catch (SQLException lost) {
                    // a connection that died: the pool discards it; what went wrong is already being thrown
                }
            }
        } catch (SQLException e) {
            throw failure("transaction", e);
        }
    }

    /** Rolls back after {@code cause}; a connection too broken to roll back is the pool's to discard. */
    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException lost) {
            cause.addSuppressed(lost);
        }
    }

    /**
     * What a failed statement is to the caller: a {@link ServiceUnavailable} when the database was
     * lost or is out of space (a retry later may work), else a {@link DatabaseException}.
     */
    private static RuntimeException failure(String sql, SQLException e) {
        return Outages.of(e).<RuntimeException>map(outage -> outage).orElseGet(() -> new DatabaseException(sql, e));
    }

    /** As {@link #inTransaction}, for work that reaches the database through other objects. */
    public <T> T atomically(java.util.function.Supplier<T> work) {
        return inTransaction(tx -> work.get());
    }

    private Tx tx(Connection c) {
        return new Tx() {
            @Override
            public int update(String sql, Object... params) {
                return run(sql, c, cx -> {
                    try (PreparedStatement ps = prepare(cx, sql, params)) {
                        return ps.executeUpdate();
                    }
                });
            }

            @Override
            public <R> List<R> query(String sql, RowMapper<R> mapper, Object... params) {
                return run(sql, c, cx -> rows(cx, sql, mapper, params));
            }
        };
    }

    public int update(String sql, Object... params) {
        return run(sql, null, c -> {
            try (PreparedStatement ps = prepare(c, sql, params)) {
                return ps.executeUpdate();
            }
        });
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return run(sql, null, c -> rows(c, sql, mapper, params));
    }

    /**
     * Runs an {@code INSERT} that a row with the same key may have beaten (another node, another
     * thread); false when it did, the same on H2 and PostgreSQL.
     */
    public boolean insertUnlessPresent(String sql, Object... params) {
        try {
            update(sql, params);
            return true;
        } catch (DatabaseException e) {
            if (e.isDuplicateKey()) {
                return false;
            }
            throw e;
        }
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    public long count(String sql, Object... params) {
        return one(sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    /** Runs {@code work} on {@code given}, else on the thread's transaction, else on a pooled connection. */
    private <T> T run(String sql, Connection given, OnConnection<T> work) {
        try {
            if (given != null) {
                return work.run(given);
            }
            Bound bound = BOUND.get();
            if (bound != null && bound.dataSource() == dataSource) {
                return work.run(bound.connection());
            }
            try (Connection c = dataSource.getConnection()) {
                return work.run(c);
            }
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    private static <T> List<T> rows(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                // untyped: PostgreSQL takes the column's type; a typed VARCHAR null fails on a BIGINT column
                ps.setNull(i + 1, Types.NULL);
            } else if (p instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else if (p instanceof Long n) {
                ps.setLong(i + 1, n);
            } else if (p instanceof byte[] bytes) {
                ps.setBytes(i + 1, bytes);
            } else {
                ps.setString(i + 1, p.toString());
            }
        }
        return ps;
    }

    /** Nullable getters that JDBC lacks. */
    public static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public static Integer intOrNull(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
