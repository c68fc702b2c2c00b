package io.kiln.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kiln.db.Database;
import io.kiln.db.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The update that ends a job also charges its credits and writes its webhook, all or nothing. */
class JobEndTransactionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private Database db;
    private JdbcJobStore store;
    private CreditAccounts credits;
    private Sql sql;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "", 4);
        store = new JdbcJobStore(db.dataSource());
        credits = new CreditAccounts(db.dataSource());
        sql = new Sql(db.dataSource());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Job running(String keyId, String webhook) {
        Job job = new Job("t", UUID.randomUUID().toString(), 0, JobStatus.QUEUED, "pdf", "png", Map.of(),
                List.of(JobInput.file("f")), "h", webhook, "native", T0, null, null, null, 0, null, null, List.of(),
                null, 0, keyId);
        store.insert(job);
        return store.update(job.claimed("n", T0, T0.plusSeconds(30)));
    }

    private long webhooks() {
        return sql.count("SELECT COUNT(*) FROM webhook_deliveries");
    }

    @Test
    void endingChargesTheKeyAndWritesTheWebhookTogether() {
        credits.open("k1", "t", 10);
        Job job = running("k1", "https://hooks.example/done");
        store.update(job.ended(JobStatus.SUCCESS, T0, Duration.ofHours(2), "pdf", List.of(), null, 4));
        assertThat(credits.balance("k1").orElseThrow().used()).isEqualTo(4);
        assertThat(credits.balance("k1").orElseThrow().remaining()).isEqualTo(6);
        assertThat(webhooks()).isEqualTo(1);
        assertThat(sql.one("SELECT url, status, dialect FROM webhook_deliveries",
                rs -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3))).contains(
                "https://hooks.example/done pending native");
    }

    @Test
    void aShortBalanceWritesNothingAtAll() {
        credits.open("k1", "t", 3);
        Job job = running("k1", "https://hooks.example/done");
        assertThatThrownBy(() -> store.update(job.ended(JobStatus.SUCCESS, T0, Duration.ofHours(2), "pdf", List.of(),
                null, 4))).isInstanceOf(InsufficientCreditsException.class);
        assertThat(store.find("t", job.id()).orElseThrow().status()).isEqualTo(JobStatus.WORKING);
        assertThat(credits.balance("k1").orElseThrow().used()).isZero();
        assertThat(webhooks()).isZero();
    }

    @Test
    void keysWithoutAnAccountAndFailedJobsAreNotCharged() {
        Job free = running("no-account", null);
        store.update(free.ended(JobStatus.SUCCESS, T0, Duration.ofHours(2), "pdf", List.of(), null, 7));
        credits.open("k1", "t", 5);
        Job failed = running("k1", null);
        store.update(failed.ended(JobStatus.FAILED, T0, Duration.ofHours(2), "pdf", List.of(), null, 0));
        assertThat(credits.balance("k1").orElseThrow().used()).isZero();
        assertThat(webhooks()).isZero();
    }

    @Test
    void theKeysFileCanChangeAGrant() {
        credits.open("k1", "t", 5);
        credits.open("k1", "t", 50);
        assertThat(credits.balance("k1").orElseThrow().granted()).isEqualTo(50);
        assertThat(credits.balance("nobody")).isEmpty();
    }
}
