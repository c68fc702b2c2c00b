package io.kiln.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.db.Database;
import io.kiln.error.ErrorCode;
import io.kiln.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the reaper does with the jobs of a node that died: a server's crash is not the job's fault,
 * except for a conversion inside the server's own process, which fails {@code crashed} after it has
 * been running at {@value LeaseReaper#MAX_IN_PROCESS_CRASHES} deaths rather than crash-loop the server.
 */
class LeaseReaperTest {

    private static final Duration LEASE = Duration.ofSeconds(10);

    private final Database db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "", 4);
    private final JobStore store = new JdbcJobStore(db.dataSource());
    private final MutableClock clock = new MutableClock();
    private final Workers workers = new Workers(store, null, clock, 1, LEASE, "test-node");

    @AfterEach
    void close() {
        db.close();
    }

    /** Jobs to pdf run in the server's process; office jobs (docx) in processes of their own. */
    private LeaseReaper reaper() {
        return new LeaseReaper(store, new JobEvents(), workers, clock, Duration.ofHours(2),
                job -> job.from().equals("pdf"), Durability.COMMITS_ARE_DURABLE);
    }

    private Job insert(String from) {
        Job job = new Job("t", UUID.randomUUID().toString(), 0, JobStatus.QUEUED, from, "png", Map.of(),
                List.of(JobInput.upload("f1")), "hash", null, "native", clock.instant(), null, null, null, 0, null,
                null, List.of(), null, 0, null);
        store.insert(job);
        return job;
    }

    /** Claims the job and lets its node die with it: the lease runs out and the reaper looks. */
    private Job dieWhileRunning(Job job, LeaseReaper reaper) {
        Job now = store.find(job.tenant(), job.id()).orElseThrow();
        store.update(now.claimed("node-" + UUID.randomUUID(), clock.instant(), clock.instant().plus(LEASE)));
        clock.advance(LEASE.plusSeconds(1));
        reaper.reapExpired();
        return store.find(job.tenant(), job.id()).orElseThrow();
    }

    @Test
    void aJobInAnotherProcessIsRequeuedHoweverOftenTheServerDiesUnderIt() {
        LeaseReaper reaper = reaper();
        Job office = insert("docx");
        Job last = office;
        for (int i = 0; i < 3 * LeaseReaper.MAX_IN_PROCESS_CRASHES; i++) {
            last = dieWhileRunning(office, reaper);
            assertThat(last.status()).as("after death %d", i + 1).isEqualTo(JobStatus.QUEUED);
        }
        assertThat(last.attempts()).isEqualTo(3 * LeaseReaper.MAX_IN_PROCESS_CRASHES);
    }

    @Test
    void aJobInTheServersProcessFailsCrashedOnceItWasRunningAtEachOfTheLastDeaths() {
        LeaseReaper reaper = reaper();
        Job pdf = insert("pdf");
        for (int i = 1; i < LeaseReaper.MAX_IN_PROCESS_CRASHES; i++) {
            assertThat(dieWhileRunning(pdf, reaper).status()).as("after death %d", i).isEqualTo(JobStatus.QUEUED);
        }
        Job ended = dieWhileRunning(pdf, reaper);
        assertThat(ended.status()).isEqualTo(JobStatus.FAILED);
        assertThat(ended.error().code()).isEqualTo(ErrorCode.CRASHED);
        assertThat(ended.error().message()).contains(LeaseReaper.MAX_IN_PROCESS_CRASHES + " times");
        assertThat(ended.expiresAt()).isNotNull();
    }

    @Test
    void aRunStoppedByAnOutageIsGivenBackWithoutCountingIt() {
        Job job = insert("pdf");
        Job claimed = store.update(job.claimed("n", clock.instant(), clock.instant().plus(LEASE)));
        assertThat(claimed.attempts()).isEqualTo(1);
        Job back = store.update(claimed.givenBack());
        assertThat(back.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(back.attempts()).isZero();
        assertThat(back.leaseOwner()).isNull();
    }
}
