package io.kiln.webhook;

import static org.awaitility.Awaitility.await;

import io.kiln.fetch.AddressPolicy;
import io.kiln.fetch.NameLookup;
import io.kiln.job.Job;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The running loop: it delivers what is due when started, and at once when woken. */
class WebhookLoopTest {

    private final Outbox box = new Outbox();

    @AfterEach
    void close() {
        box.close();
    }

    @Test
    void theLoopDeliversOnStartAndWhenWoken() {
        // an hour between polls: only start() and wake() can explain a prompt delivery
        WebhookSettings settings = new WebhookSettings(RetrySchedule.DEFAULT, Duration.ofSeconds(10),
                Duration.ofHours(1), Duration.ofMinutes(1), 8, 8);
        box.answer(200, 200);
        Job before = box.endJob(box.url("/before"), "native");
        WebhookSender sender = box.sender(settings, AddressPolicy.parse("127.0.0.1"), NameLookup.system(),
                WebhookMetrics.NONE);

        sender.start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> box.delivery(before).status() == DeliveryStatus.DELIVERED);

        Job after = box.endJob(box.url("/after"), "native");
        sender.wake();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> box.delivery(after).status() == DeliveryStatus.DELIVERED);
    }
}
