package io.kiln.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.error.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link JobStore} must have. A store implementation gets a test class that
 * extends this one and supplies a fresh, empty store.
 */
public abstract class JobStoreContract {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private JobStore store;

    protected abstract JobStore freshStore();

    @BeforeEach
    void setUp() {
        store = freshStore();
    }

    private static Job queued(String tenant, Instant created) {
        return new Job(tenant, UUID.randomUUID().toString(), 0, JobStatus.QUEUED, "pdf", "txt",
                Map.of("pages", "1-2"), List.of(JobInput.upload("f1"), JobInput.url("https://example.org/a.pdf")),
                "hash", null, "native", created, null, null, null, 0, null, null, List.of(), null, 0, null);
    }

    @Test
    void storesAndReadsBackEveryField() {
        Job job = queued("t1", T0);
        store.insert(job);
        Job read = store.find("t1", job.id()).orElseThrow();
        assertThat(read).isEqualTo(job);

        Job done = store.update(store.update(read.claimed("node", T0, T0.plusSeconds(30)))
                .ended(JobStatus.FAILED, T0.plusSeconds(5), Duration.ofHours(2), "pdf",
                        List.of(new JobOutput("o1", "a.txt", "txt", 12, "ab", 3)),
                        new JobError(ErrorCode.PASSWORD_REQUIRED, "needs a password"), 4));
        Job again = store.find("t1", job.id()).orElseThrow();
        assertThat(again).isEqualTo(done);
        assertThat(again.version()).isEqualTo(2);
        assertThat(again.expiresAt()).isEqualTo(T0.plusSeconds(5).plus(Duration.ofHours(2)));
        assertThat(again.error().code()).isEqualTo(ErrorCode.PASSWORD_REQUIRED);
        assertThat(again.attempts()).isEqualTo(1);
    }

    /** Found by the schema-driven fuzzer: a 100,000-character option was a database error, answered 500. */
    @Test
    void aJobLargerThanItsColumnsIsRefusedAsTheClientsErrorAndNotStored() {
        Job huge = new Job("t1", UUID.randomUUID().toString(), 0, JobStatus.QUEUED, "pdf", "txt",
                Map.of("name", "A".repeat(100_001)), List.of(JobInput.upload("f1")), "hash", null, "native", T0,
                null, null, null, 0, null, null, List.of(), null, 0, null);
        assertThatThrownBy(() -> store.insert(huge)).isInstanceOfSatisfying(io.kiln.error.RequestRejected.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThat(store.find("t1", huge.id())).isEmpty();
    }

    @Test
    void idsAreUniquePerTenantOnly() {
        Job job = queued("t1", T0);
        store.insert(job);
        assertThatThrownBy(() -> store.insert(job)).isInstanceOf(DuplicateJobException.class);
        Job otherTenant = new Job("t2", job.id(), 0, JobStatus.QUEUED, "pdf", "txt", Map.of(), job.inputs(), "h",
                null, "native", T0, null, null, null, 0, null, null, List.of(), null, 0, "key1");
        store.insert(otherTenant);
        assertThat(store.find("t2", job.id())).contains(otherTenant);
        assertThat(store.find("t3", job.id())).isEmpty();
        assertThat(store.findInAnyTenant(job.id(), 10)).extracting(Job::tenant).containsExactlyInAnyOrder("t1", "t2");
        assertThat(store.findInAnyTenant(job.id(), 1)).hasSize(1);
        assertThat(store.findInAnyTenant("no-such-id", 10)).isEmpty();
    }

    @Test
    void aLostRaceFailsLoudly() {
        Job job = queued("t1", T0);
        store.insert(job);
        Job first = store.update(job.claimed("a", T0, T0.plusSeconds(30)));
        assertThat(first.version()).isEqualTo(1);
        assertThatThrownBy(() -> store.update(job.claimed("b", T0, T0.plusSeconds(30))))
                .isInstanceOf(StaleJobException.class);
        assertThat(store.find("t1", job.id()).orElseThrow().leaseOwner()).isEqualTo("a");
    }

    @Test
    void updatingADeletedJobFails() {
        Job job = queued("t1", T0);
        store.insert(job);
        assertThat(store.delete("t1", job.id())).isTrue();
        assertThat(store.delete("t1", job.id())).isFalse();
        assertThatThrownBy(() -> store.update(job.claimed("a", T0, T0))).isInstanceOf(StaleJobException.class);
    }

    @Test
    void queueIsOldestFirstAndCountsPositions() {
        Job a = queued("t1", T0);
        Job b = queued("t2", T0.plusMillis(1));
        Job c = queued("t1", T0.plusMillis(2));
        store.insert(c);
        store.insert(a);
        store.insert(b);
        assertThat(store.nextQueued(10)).extracting(Job::id).containsExactly(a.id(), b.id(), c.id());
        assertThat(store.queuePosition(c)).isEqualTo(2);
        store.update(a.claimed("n", T0, T0.plusSeconds(30)));
        assertThat(store.nextQueued(10)).extracting(Job::id).containsExactly(b.id(), c.id());
        assertThat(store.count(JobStatus.QUEUED)).isEqualTo(2);
        assertThat(store.count(JobStatus.WORKING)).isEqualTo(1);
        assertThat(store.queuePosition(c)).isEqualTo(1);
    }

    @Test
    void findsWorkingJobsWhoseLeaseRanOut() {
        Job a = queued("t1", T0);
        Job b = queued("t1", T0);
        store.insert(a);
        store.insert(b);
        store.update(a.claimed("n", T0, T0.plusSeconds(10)));
        store.update(b.claimed("n", T0, T0.plusSeconds(60)));
        assertThat(store.expiredLeases(T0.plusSeconds(30), 10)).extracting(Job::id).containsExactly(a.id());
        assertThat(store.working(10)).hasSize(2);
    }

    @Test
    void findsEndedJobsPastTheirExpiry() {
        Job a = queued("t1", T0);
        store.insert(a);
        Job done = store.update(store.update(a.claimed("n", T0, T0)).ended(JobStatus.SUCCESS, T0, Duration.ofHours(2),
                "pdf", List.of(), null, 0));
        assertThat(store.expired(T0.plus(Duration.ofMinutes(119)), 10)).isEmpty();
        assertThat(store.expired(T0.plus(Duration.ofMinutes(121)), 10)).extracting(Job::id).containsExactly(done.id());
    }

    @Test
    void listsATenantsJobsNewestFirstWithFilterAndPaging() {
        for (int i = 0; i < 5; i++) {
            store.insert(queued("t1", T0.plus(i, ChronoUnit.MINUTES)));
        }
        store.insert(queued("t2", T0));
        List<Job> all = store.list("t1", Optional.empty(), 10, 0);
        assertThat(all).hasSize(5).isSortedAccordingTo((x, y) -> y.createdAt().compareTo(x.createdAt()));
        assertThat(store.list("t1", Optional.empty(), 2, 4)).hasSize(1);
        store.update(all.getFirst().claimed("n", T0, T0));
        assertThat(store.list("t1", Optional.of(JobStatus.WORKING), 10, 0)).extracting(Job::id)
                .containsExactly(all.getFirst().id());
        assertThat(store.list("t2", Optional.empty(), 10, 0)).hasSize(1);
    }
}
