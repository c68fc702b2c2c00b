package io.kiln.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.job.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3, load shapes: a webhook receiver down for 23 hours on a settable clock, with jobs
 * ending before and during the outage (their own time to live is 2 h). Once it is back, every
 * delivery arrives — each under the one {@code webhook-id} it was first sent with and with a valid
 * signature — on the default schedule, within its 24 h span; jobs past their expiry are kept until
 * their webhook ends and swept after. A receiver that answers 410 is not called again.
 */
@Tag("hardening")
class ReceiverDownForADayTest {

    private final Outbox box = new Outbox();

    @AfterEach
    void close() {
        box.close();
    }

    @Test
    void everyDeliveryArrivesOnceTheReceiverIsBackAfterADayUnderItsFirstIdSigned() throws Exception {
        AtomicBoolean up = new AtomicBoolean(false);
        List<RecordedRequest> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        box.receiver.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                calls.add(request);
                if (request.getUrl().encodedPath().equals("/gone")) {
                    return new MockResponse.Builder().code(410).build();
                }
                return new MockResponse.Builder().code(up.get() ? 200 : 503).build();
            }
        });
        WebhookSender sender = box.sender(RetrySchedule.DEFAULT);
        Instant start = box.clock.instant();
        List<Job> jobs = new ArrayList<>();
        Job gone = box.endJob(box.url("/gone"), "native");
        // a job ends every 20 minutes for the first 4 hours of the outage
        Duration step = Duration.ofMinutes(5);
        for (Duration down = Duration.ZERO; down.compareTo(Duration.ofHours(23)) < 0; down = down.plus(step)) {
            if (down.compareTo(Duration.ofHours(4)) < 0 && down.toMinutes() % 20 == 0) {
                jobs.add(box.endJob(box.url("/hooks/kiln"), "native"));
            }
            sender.deliverDue();
            box.clock.advance(step);
        }
        int callsWhileDown = calls.size();
        List<String> sweptWhilePending = box.jobs.expired(box.clock.instant(), 1000).stream().map(Job::id)
                .filter(id -> jobs.stream().anyMatch(j -> j.id().equals(id))).toList();
        up.set(true);
        for (int i = 0; i < 24 * 12 && jobs.stream().anyMatch(j -> box.delivery(j).status() == DeliveryStatus.PENDING); i++) {
            sender.deliverDue();
            box.clock.advance(step);
        }
        Duration took = Duration.between(start, box.clock.instant());

        Map<String, List<RecordedRequest>> byId = new HashMap<>();
        for (RecordedRequest call : calls) {
            byId.computeIfAbsent(call.getHeaders().get("webhook-id"), k -> new ArrayList<>()).add(call);
        }
        int badSignatures = 0;
        for (RecordedRequest call : calls) {
            if (!call.getHeaders().get("webhook-signature").equals(Outbox.expectedSignature(call))) {
                badSignatures++;
            }
        }
        List<String> notDelivered = new ArrayList<>();
        for (Job job : jobs) {
            Delivery d = box.delivery(job);
            if (d.status() != DeliveryStatus.DELIVERED) {
                notDelivered.add(job.id() + ": " + d.status() + " after " + d.attempts() + " attempts");
            }
        }
        System.out.println("[hardening] | 3. webhook receiver down 23 h (settable clock) | " + jobs.size()
                + " jobs | " + callsWhileDown + " calls while down; " + (jobs.size() - notDelivered.size())
                + " delivered after; " + badSignatures + " bad signatures; calls to the 410 receiver: "
                + byId.getOrDefault(box.delivery(gone).id(), List.of()).size() + "; all settled "
                + took.toHours() + " h after the first |");

        assertThat(sweptWhilePending).as("jobs past their expiry offered to the sweeper while their webhook was pending")
                .isEmpty();
        assertThat(notDelivered).as("deliveries not made once the receiver was back").isEmpty();
        assertThat(badSignatures).as("calls whose signature does not verify").isZero();
        for (Job job : jobs) {
            Delivery d = box.delivery(job);
            assertThat(byId.get(d.id())).as("calls under the delivery's own id").hasSize(d.attempts());
        }
        assertThat(byId.keySet()).as("one webhook-id per job").hasSize(jobs.size() + 1);
        assertThat(box.delivery(gone).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(box.delivery(gone).attempts()).as("a 410 is not called again").isEqualTo(1);
        // past their 2 h, the delivered jobs are swept now
        assertThat(box.jobs.expired(box.clock.instant(), 1000)).extracting(Job::id)
                .containsAll(jobs.stream().map(Job::id).toList());
    }

}
