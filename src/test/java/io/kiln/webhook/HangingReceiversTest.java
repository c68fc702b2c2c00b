package io.kiln.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kiln.fetch.AddressPolicy;
import io.kiln.fetch.NameLookup;
import io.kiln.job.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A receiver that takes the call and does not answer holds only its own call: deliveries to others
 * go on at once, however many hang (up to the calls the sender makes at once), and never more calls
 * than that are in flight.
 */
class HangingReceiversTest {

    private final Outbox box = new Outbox();
    /** Lets the hanging calls answer, at the end of a test or when it says so. */
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger hanging = new AtomicInteger();
    private final AtomicInteger mostHanging = new AtomicInteger();

    @BeforeEach
    void receiver() {
        box.receiver.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                if (request.getUrl().encodedPath().equals("/hang")) {
                    mostHanging.accumulateAndGet(hanging.incrementAndGet(), Math::max);
                    try {
                        release.await(1, TimeUnit.MINUTES);
                    } finally {
                        hanging.decrementAndGet();
                    }
                }
                return new MockResponse.Builder().code(200).build();
            }
        });
    }

    @AfterEach
    void close() {
        release.countDown();
        box.close();
    }

    @Test
    void moreHangingReceiversThanABatchHoldUpNoOtherDelivery() {
        int hangers = WebhookSettings.DEFAULT_BATCH + 8;
        for (int i = 0; i < hangers; i++) {
            box.endJob(box.url("/hang"), "native");
        }
        WebhookSender sender = box.sender(WebhookSettings.DEFAULTS, AddressPolicy.parse("127.0.0.1"),
                NameLookup.system(), WebhookMetrics.NONE);
        sender.start();
        // every one is called at once, not a batch now and the rest when the batch's calls are cut
        await("every hanging call under way").atMost(WebhookSettings.DEFAULT_ATTEMPT_TIMEOUT.dividedBy(2))
                .until(() -> hanging.get() == hangers);

        Job healthy = box.endJob(box.url("/ok"), "native");
        sender.wake();
        // before any hanging call is cut: it did not wait for one
        await("the healthy delivery").atMost(WebhookSettings.DEFAULT_ATTEMPT_TIMEOUT.dividedBy(3))
                .until(() -> box.delivery(healthy).status() == DeliveryStatus.DELIVERED);
        assertThat(hanging.get()).as("calls still held").isEqualTo(hangers);
    }

    @Test
    void noMoreCallsThanCallsAtOnceAreUnderWay() {
        WebhookSettings settings = new WebhookSettings(RetrySchedule.DEFAULT, WebhookSettings.DEFAULT_ATTEMPT_TIMEOUT,
                WebhookSettings.DEFAULT_POLL, WebhookSettings.DEFAULT_CLAIM_LEASE, WebhookSettings.DEFAULT_BATCH, 2);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            jobs.add(box.endJob(box.url("/hang"), "native"));
        }
        WebhookSender sender = box.sender(settings, AddressPolicy.parse("127.0.0.1"), NameLookup.system(),
                WebhookMetrics.NONE);
        sender.start();
        await("two calls under way").atMost(Duration.ofSeconds(5)).until(() -> hanging.get() == 2);
        // the third was due with them: it waits for a slot, not for anything else
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> box.receiver.getRequestCount() == 2);

        release.countDown();
        await("all three delivered").atMost(Duration.ofSeconds(5)).until(() -> jobs.stream()
                .allMatch(j -> box.delivery(j).status() == DeliveryStatus.DELIVERED));
        assertThat(mostHanging.get()).as("calls under way at once").isEqualTo(2);
        assertThat(box.receiver.getRequestCount()).isEqualTo(3);
    }
}
