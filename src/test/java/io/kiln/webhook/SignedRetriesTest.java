package io.kiln.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.job.Job;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A native webhook retried on the default schedule until the receiver takes it, signed the same way each time. */
class SignedRetriesTest {

    private final Outbox box = new Outbox();

    @AfterEach
    void close() {
        box.close();
    }

    @Test
    void aReceiverFailingTwiceGetsTheThirdAttemptOnTheSchedule() throws Exception {
        box.answer(500, 500, 200);
        Job job = box.endJob(box.url("/hooks/kiln"), "native");
        WebhookSender sender = box.sender(RetrySchedule.DEFAULT);
        Instant t0 = box.clock.instant().truncatedTo(ChronoUnit.MILLIS);

        assertThat(sender.deliverDue()).isEqualTo(1);
        assertThat(box.delivery(job).nextAttemptAt()).isEqualTo(t0.plusSeconds(5));
        assertThat(sender.deliverDue()).as("not due before the first wait is over").isZero();

        box.clock.advance(Duration.ofSeconds(5));
        assertThat(sender.deliverDue()).isEqualTo(1);
        assertThat(box.delivery(job).nextAttemptAt()).isEqualTo(t0.plusSeconds(5 + 10));

        box.clock.advance(Duration.ofSeconds(10));
        assertThat(sender.deliverDue()).isEqualTo(1);

        Delivery done = box.delivery(job);
        assertThat(done.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(done.attempts()).isEqualTo(3);
        assertThat(done.history()).extracting(Attempt::attempt).containsExactly(1, 2, 3);
        assertThat(done.history()).extracting(Attempt::status).containsExactly(500, 500, 200);
        assertThat(done.history()).extracting(Attempt::at)
                .containsExactly(t0, t0.plusSeconds(5), t0.plusSeconds(15));
        assertThat(done.history()).allSatisfy(a -> assertThat(a.error()).isNull());

        List<RecordedRequest> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(box.receiver.takeRequest(1, TimeUnit.SECONDS));
        }
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.getMethod()).isEqualTo("POST");
            assertThat(call.getUrl().encodedPath()).isEqualTo("/hooks/kiln");
            assertThat(call.getHeaders().get("Content-Type")).startsWith("application/json");
            assertThat(call.getHeaders().get("webhook-id")).isEqualTo(done.id());
            assertThat(call.getBody().utf8()).isEqualTo(Outbox.PAYLOADS.nativeJson(job));
            assertThat(call.getHeaders().get("webhook-signature")).isEqualTo(Outbox.expectedSignature(call));
        });
        assertThat(calls).extracting(call -> Long.parseLong(call.getHeaders().get("webhook-timestamp")))
                .containsExactly(t0.getEpochSecond(), t0.plusSeconds(5).getEpochSecond(),
                        t0.plusSeconds(15).getEpochSecond());
        assertThat(sender.deliverDue()).as("delivered is the end").isZero();
    }

    @Test
    void retryAfterSecondsPushesTheNextAttemptOut() throws Exception {
        box.receiver.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "120").build());
        Job job = box.endJob(box.url("/busy"), "native");
        WebhookSender sender = box.sender(RetrySchedule.DEFAULT);
        Instant t0 = box.clock.instant().truncatedTo(ChronoUnit.MILLIS);

        sender.deliverDue();

        assertThat(box.delivery(job).nextAttemptAt()).isEqualTo(t0.plusSeconds(120));
        box.clock.advance(Duration.ofSeconds(119));
        assertThat(sender.deliverDue()).isZero();
        box.clock.advance(Duration.ofSeconds(1));
        box.answer(200);
        assertThat(sender.deliverDue()).isEqualTo(1);
        assertThat(box.delivery(job).history()).extracting(Attempt::status).containsExactly(503, 200);
    }

    @Test
    void aShorterRetryAfterDoesNotHurryTheSchedule() throws Exception {
        box.receiver.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());
        Job job = box.endJob(box.url("/busy"), "native");
        Instant t0 = box.clock.instant().truncatedTo(ChronoUnit.MILLIS);

        box.sender(RetrySchedule.of(Duration.ofMinutes(1))).deliverDue();

        assertThat(box.delivery(job).nextAttemptAt()).isEqualTo(t0.plus(Duration.ofMinutes(1)));
    }

    /** The Standard Webhooks signature, computed here from scratch rather than with the code under test. */
}
