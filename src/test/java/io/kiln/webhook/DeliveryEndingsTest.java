package io.kiln.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.fetch.AddressPolicy;
import io.kiln.fetch.NameLookup;
import io.kiln.job.Job;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a delivery stops: the schedule runs out, the receiver says 410, or the job is gone. */
class DeliveryEndingsTest {

    private static final RetrySchedule SHORT = RetrySchedule.of(Duration.ofSeconds(1), Duration.ofSeconds(2));

    private final Outbox box = new Outbox();
    private final List<DeliveryStatus> ended = new CopyOnWriteArrayList<>();
    private final List<Attempt> attempted = new CopyOnWriteArrayList<>();
    private final WebhookMetrics metrics = new WebhookMetrics() {
        @Override
        public void attempted(Delivery delivery, Attempt attempt) {
            attempted.add(attempt);
        }

        @Override
        public void ended(DeliveryStatus status) {
            ended.add(status);
        }
    };

    @AfterEach
    void close() {
        box.close();
    }

    private WebhookSender sender() {
        return box.sender(WebhookSettings.DEFAULTS.withSchedule(SHORT), AddressPolicy.parse("127.0.0.1"),
                NameLookup.system(), metrics);
    }

    @Test
    void aDeliveryFailsAfterTheLastStepOfTheSchedule() throws Exception {
        box.answer(500, 502, 503);
        Job job = box.endJob(box.url("/down"), "native");
        WebhookSender sender = sender();

        sender.deliverDue();
        box.clock.advance(Duration.ofSeconds(1));
        sender.deliverDue();
        assertThat(box.delivery(job).status()).isEqualTo(DeliveryStatus.PENDING);
        box.clock.advance(Duration.ofSeconds(2));
        sender.deliverDue();

        Delivery d = box.delivery(job);
        assertThat(d.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(d.attempts()).isEqualTo(SHORT.maxAttempts()).isEqualTo(3);
        assertThat(d.history()).extracting(Attempt::status).containsExactly(500, 502, 503);
        box.clock.advance(Duration.ofDays(2));
        assertThat(sender.deliverDue()).as("failed is the end").isZero();
        assertThat(box.receiver.getRequestCount()).isEqualTo(3);
        assertThat(attempted).hasSize(3).noneMatch(Attempt::succeeded);
        assertThat(ended).containsExactly(DeliveryStatus.FAILED);
    }

    @Test
    void goneStopsRetryingAtOnce() throws Exception {
        box.answer(410);
        Job job = box.endJob(box.url("/unsubscribed"), "native");

        sender().deliverDue();

        Delivery d = box.delivery(job);
        assertThat(d.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(d.history()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(410);
            assertThat(a.error()).contains("410 Gone");
        });
        assertThat(ended).containsExactly(DeliveryStatus.FAILED);
    }

    @Test
    void redirectsAreFailuresAndAreNotFollowed() throws Exception {
        box.receiver.enqueue(new MockResponse.Builder().code(302).addHeader("Location", box.url("/elsewhere")).build());
        Job job = box.endJob(box.url("/moved"), "native");

        sender().deliverDue();

        Delivery d = box.delivery(job);
        assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(d.history()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(302);
            assertThat(a.error()).contains("redirects are not followed");
        });
        assertThat(box.receiver.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aJobThatIsGoneCancelsItsDeliveryWithoutACall() throws Exception {
        Job job = box.endJob(box.url("/never"), "native");
        box.jobs.delete(job.tenant(), job.id());

        assertThat(sender().deliverDue()).isEqualTo(1);

        Delivery d = box.delivery(job);
        assertThat(d.status()).isEqualTo(DeliveryStatus.CANCELLED);
        assertThat(d.attempts()).isZero();
        assertThat(d.history()).isEmpty();
        assertThat(box.receiver.getRequestCount()).isZero();
        assertThat(ended).containsExactly(DeliveryStatus.CANCELLED);
    }

    @Test
    void aJobPastItsExpiryIsStillNotifiedAndKeptFromTheSweeperUntilItsDeliveryEnds() throws Exception {
        box.answer(503, 200);
        Job job = box.endJob(box.url("/late"), "native");
        WebhookSender sender = sender();
        box.clock.advance(Duration.ofHours(3)); // the job's time to live is 2 h: the receiver was down meanwhile

        assertThat(sender.deliverDue()).isEqualTo(1);
        assertThat(box.delivery(job).status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(box.jobs.expired(box.clock.instant(), 10)).as("kept while its webhook is pending").isEmpty();

        box.clock.advance(Duration.ofMinutes(1));
        assertThat(sender.deliverDue()).isEqualTo(1);

        assertThat(box.delivery(job).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(box.receiver.getRequestCount()).isEqualTo(2);
        assertThat(box.jobs.expired(box.clock.instant(), 10)).extracting(Job::id).containsExactly(job.id());
    }

    @Test
    void aUrlThatCanNeverBeCalledFailsAtOnce() throws Exception {
        Job job = box.endJob("ftp://127.0.0.1/hook", "native");

        sender().deliverDue();

        Delivery d = box.delivery(job);
        assertThat(d.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(d.history()).singleElement().satisfies(a -> {
            assertThat(a.status()).isNull();
            assertThat(a.error()).contains("Only http and https");
        });
    }
}
