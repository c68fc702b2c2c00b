package io.kiln.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.fetch.AddressPolicy;
import io.kiln.fetch.NameLookup;
import io.kiln.job.Job;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhook URLs obey the SSRF rules of URL inputs, checked again on every attempt (DESIGN §8). */
class WebhookSsrfTest {

    private final Outbox box = new Outbox();

    @AfterEach
    void close() {
        box.close();
    }

    @Test
    void loopbackIsRefusedUnlessAllowListed() throws Exception {
        Job job = box.endJob(box.url("/internal"), "native");

        box.sender(RetrySchedule.DEFAULT, AddressPolicy.STRICT, NameLookup.system()).deliverDue();

        Delivery refused = box.delivery(job);
        assertThat(refused.status()).as("refusals are retried: DNS and allow-lists change")
                .isEqualTo(DeliveryStatus.PENDING);
        assertThat(refused.history()).singleElement().satisfies(a -> {
            assertThat(a.status()).isNull();
            assertThat(a.error()).startsWith("refused: 127.0.0.1 is a loopback address")
                    .contains("allow-lists");
        });
        assertThat(box.receiver.getRequestCount()).isZero();

        box.answer(200);
        box.clock.advance(Duration.ofSeconds(5));
        box.sender(RetrySchedule.DEFAULT, AddressPolicy.parse("127.0.0.1"), NameLookup.system()).deliverDue();
        assertThat(box.delivery(job).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(box.receiver.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefused() throws Exception {
        NameLookup dns = host -> List.of(InetAddress.getByName("127.0.0.1"));
        Job job = box.endJob("http://hooks.test:" + box.receiver.getPort() + "/in", "native");

        box.sender(RetrySchedule.DEFAULT, AddressPolicy.STRICT, dns).deliverDue();

        assertThat(box.delivery(job).history()).singleElement()
                .satisfies(a -> assertThat(a.error()).contains("hooks.test (127.0.0.1) is a loopback address"));
        assertThat(box.receiver.getRequestCount()).isZero();
    }

    @Test
    void metadataNamesAreRefusedWithoutAskingDns() throws Exception {
        NameLookup dns = host -> {
            throw new AssertionError("DNS asked for " + host);
        };
        Job job = box.endJob("http://metadata.google.internal/computeMetadata/v1/", "native");

        box.sender(RetrySchedule.DEFAULT, AddressPolicy.STRICT, dns).deliverDue();

        assertThat(box.delivery(job).history()).singleElement()
                .satisfies(a -> assertThat(a.error()).contains("cloud metadata service"));
    }

    @Test
    void dnsIsCheckedAgainOnEveryAttempt() throws Exception {
        // allowed on the first attempt, rebound to the metadata address before the second
        AtomicInteger lookups = new AtomicInteger();
        NameLookup rebinding = host -> List.of(InetAddress.getByName(
                lookups.getAndIncrement() == 0 ? "127.0.0.1" : "169.254.169.254"));
        // "Connection: close" so the second attempt needs a new connection, hence a new lookup
        box.receiver.enqueue(new MockResponse.Builder().code(500).addHeader("Connection", "close").build());
        Job job = box.endJob("http://hooks.test:" + box.receiver.getPort() + "/in", "native");
        WebhookSender sender = box.sender(RetrySchedule.DEFAULT, AddressPolicy.parse("127.0.0.1"), rebinding);
        sender.deliverDue();
        box.clock.advance(Duration.ofSeconds(5));
        sender.deliverDue();

        assertThat(box.delivery(job).history()).extracting(Attempt::status).containsExactly(500, null);
        assertThat(box.delivery(job).history().get(1).error())
                .contains("hooks.test (169.254.169.254) is a link-local address");
        assertThat(box.receiver.getRequestCount()).isEqualTo(1);
    }
}
