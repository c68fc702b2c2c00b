package io.kiln.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    private final DataSource dataSource;

    public Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code body} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(TxBody<T> body) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = body.run(new Tx() {
                    @Override
                    public int update(String sql, Object... params) {
                        try (PreparedStatement ps = prepare(c, sql, params)) {
                            return ps.executeUpdate();
                        } catch (SQLException e) {
                            throw new DatabaseException(sql, e);
                        }
                    }

                    @Override
                    public <R> List<R> query(String sql, RowMapper<R> mapper, Object... params) {
                        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
                            List<R> out = new ArrayList<>();
                            while (rs.next()) {
                                out.add(mapper.map(rs));
                            }
                            return out;
                        } catch (SQLException e) {
                            throw new DatabaseException(sql, e);
                        }
                    }
                });
                c.commit();
                return result;
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException("transaction", e);
        }
    }

    public int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException(sql, e);
        }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, params);
             ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new DatabaseException(sql, e);
        }
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    public long count(String sql, Object... params) {
        return one(sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else if (p instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else if (p instanceof Long n) {
                ps.setLong(i + 1, n);
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
