package io.kiln.job;

import io.kiln.db.Sql;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Poll holds as rows of {@code poll_holds}, keyed by job: the primary key lets one node's insert win,
 * the same on H2 and PostgreSQL; a hold past its time (its node died mid-poll) is cleared and taken.
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
        if (insert(jobKey, now + max.toMillis())) {
            return true;
        }
        // held: by a live poll, or by one whose node died (its time is past)
        return sql.update("DELETE FROM poll_holds WHERE job_key = ? AND held_until < ?", jobKey, now) == 1
                && insert(jobKey, now + max.toMillis());
    }

    private boolean insert(String jobKey, long until) {
        return sql.insertUnlessPresent("INSERT INTO poll_holds (job_key, held_until) VALUES (?, ?)", jobKey, until);
    }

    @Override
    public void release(String jobKey) {
        sql.update("DELETE FROM poll_holds WHERE job_key = ?", jobKey);
    }
}
