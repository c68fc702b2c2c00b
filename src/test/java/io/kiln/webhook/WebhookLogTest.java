package io.kiln.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.db.Sql;
import io.kiln.job.Job;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The read side shown in job views, and the sweeping of old rows. */
class WebhookLogTest {

    private final Outbox box = new Outbox();

    @AfterEach
    void close() {
        box.close();
    }

    @Test
    void theLogShowsUrlStatusAndAttemptsOfAJob() throws Exception {
        box.answer(503);
        Job job = box.endJob(box.url("/hook"), "native");
        WebhookLog log = box.deliveries;
        assertThat(log.delivery(job.tenant(), job.id())).hasValueSatisfying(d -> {
            assertThat(d.url()).isEqualTo(box.url("/hook"));
            assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
        });
        assertThat(log.attempts(job.tenant(), job.id())).isEmpty();

        box.sender(RetrySchedule.DEFAULT).deliverDue();

        assertThat(log.attempts(job.tenant(), job.id())).singleElement().satisfies(a -> {
            assertThat(a.attempt()).isEqualTo(1);
            assertThat(a.status()).isEqualTo(503);
            assertThat(a.durationMs()).isNotNegative();
        });
        assertThat(log.delivery("another-tenant", job.id())).isEmpty();
        assertThat(log.attempts(job.tenant(), "no-such-job")).isEmpty();
    }

    @Test
    void historyIsStoredAsJsonWithIsoTimes() throws Exception {
        box.answer(200);
        Job job = box.endJob(box.url("/hook"), "native");
        var at = box.clock.instant().truncatedTo(ChronoUnit.MILLIS);
        box.sender(RetrySchedule.DEFAULT).deliverDue();

        String history = new Sql(box.db.dataSource())
                .one("SELECT history FROM webhook_deliveries", rs -> rs.getString(1)).orElseThrow();

        assertThat(history).startsWith("[{\"attempt\":1,\"at\":\"" + at + "\",\"status\":200,\"error\":null,");
    }

    @Test
    void deliveriesAreDeletedWithTheirJobOrWhenOldAndOver() throws Exception {
        box.answer(200);
        Job delivered = box.endJob(box.url("/a"), "native");
        box.sender(RetrySchedule.DEFAULT).deliverDue();
        Job pending = box.endJob(box.url("/b"), "native");
        Job deleted = box.endJob(box.url("/c"), "native");

        assertThat(box.deliveries.deleteForJob(deleted.tenant(), deleted.id())).isEqualTo(1);
        assertThat(box.deliveries.delivery(deleted.tenant(), deleted.id())).isEmpty();

        var later = box.clock.instant().plus(Duration.ofDays(1));
        assertThat(box.deliveries.deleteDeliveredOlderThan(later)).isEqualTo(1);
        assertThat(box.deliveries.delivery(delivered.tenant(), delivered.id())).isEmpty();
        assertThat(box.deliveries.delivery(pending.tenant(), pending.id())).as("pending rows still have work")
                .isPresent();
    }
}
