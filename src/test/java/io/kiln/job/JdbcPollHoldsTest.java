package io.kiln.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.db.Database;
import io.kiln.testing.MutableClock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Poll holds in the database: one holder at a time, let go on release or when its time is past. */
class JdbcPollHoldsTest {

    private final Database db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "", 4);
    private final MutableClock clock = new MutableClock();
    // two nodes on one database
    private final PollHolds nodeA = new JdbcPollHolds(db.dataSource(), clock);
    private final PollHolds nodeB = new JdbcPollHolds(db.dataSource(), clock);

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void oneHolderPerJobUntilItLetsGoOrItsTimeIsPast() {
        assertThat(nodeA.take("t/job-1", Duration.ofSeconds(35))).isTrue();
        assertThat(nodeB.take("t/job-1", Duration.ofSeconds(35))).isFalse();
        assertThat(nodeB.take("t/job-2", Duration.ofSeconds(35))).isTrue();
        nodeA.release("t/job-1");
        assertThat(nodeB.take("t/job-1", Duration.ofSeconds(35))).isTrue();

        clock.advance(Duration.ofSeconds(36)); // node B died while holding both
        assertThat(nodeA.take("t/job-1", Duration.ofSeconds(35))).isTrue();
        assertThat(nodeA.take("t/job-2", Duration.ofSeconds(35))).isTrue();
    }
}
