package io.kiln.job;

import io.kiln.db.DatabaseException;
import io.kiln.db.Sql;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Poll holds as rows of {@code poll_holds}, keyed by job: the primary key lets one node's insert win,
 * the same on H2 and PostgreSQL; a hold past its time (its node died mid-poll) is cleared first.
 */
public final class JdbcPollHolds implements PollHolds {

    private final Sql sql;
    private final Clock clock;

    public JdbcPollHolds(DataSource dataSource, Clock clock) {
        this.sql = new Sql(dataSource);
        this.clock = clock;
    }

    @Override
    public boolean take(String jobKey, Duration max) {
        long now = clock.millis();
        sql.update("DELETE FROM poll_holds WHERE job_key = ? AND held_until < ?", jobKey, now);
        try {
            sql.update("INSERT INTO poll_holds (job_key, held_until) VALUES (?, ?)", jobKey, now + max.toMillis());
            return true;
        } catch (DatabaseException e) {
            if (e.isDuplicateKey()) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void release(String jobKey) {
        sql.update("DELETE FROM poll_holds WHERE job_key = ?", jobKey);
    }
}
