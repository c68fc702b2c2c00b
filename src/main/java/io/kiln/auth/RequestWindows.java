package io.kiln.auth;

import io.kiln.db.Sql;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * A key's requests per second, counted in the database so that the limit holds across every node:
 * one row per key and clock second (a fixed window), incremented under its row lock. A client may
 * so make up to twice its rate across a second's boundary; that is the price of one row a second
 * instead of a row a request. Only keys that have a limit are counted.
 */
public final class RequestWindows {

    /** Windows older than this are deleted when a key opens a new one. */
    private static final long KEPT_SECONDS = 5;

    private final Sql sql;
    private final Clock clock;

    public RequestWindows(DataSource dataSource, Clock clock) {
        this.sql = new Sql(dataSource);
        this.clock = clock;
    }

    /** Counts a request of {@code keyId}; false (and not counted) when the key has made its {@code perSecond} this second. */
    public boolean admit(String keyId, int perSecond) {
        long second = Math.floorDiv(clock.millis(), 1000);
        if (countAgainst(keyId, second, perSecond)) {
            return true;
        }
        if (sql.count("SELECT COUNT(*) FROM key_request_counts WHERE key_id = ? AND epoch_second = ?", keyId, second) > 0) {
            return false; // this second's row exists and is full
        }
        sql.update("DELETE FROM key_request_counts WHERE key_id = ? AND epoch_second < ?", keyId, second - KEPT_SECONDS);
        return firstOfSecond(keyId, second, perSecond);
    }

    /**
     * One statement, so atomic on every node: the row's lock orders concurrent increments, and
     * PostgreSQL checks {@code requests < ?} again on the row it waited for.
     */
    private boolean countAgainst(String keyId, long second, int perSecond) {
        return sql.update("UPDATE key_request_counts SET requests = requests + 1"
                + " WHERE key_id = ? AND epoch_second = ? AND requests < ?", keyId, second, perSecond) == 1;
    }

    /** The second's first request: makes its row, or, if another node just did, counts against it. */
    private boolean firstOfSecond(String keyId, long second, int perSecond) {
        if (sql.insertUnlessPresent("INSERT INTO key_request_counts (key_id, epoch_second, requests) VALUES (?,?,1)",
                keyId, second)) {
            return true;
        }
        return countAgainst(keyId, second, perSecond);
    }
}
