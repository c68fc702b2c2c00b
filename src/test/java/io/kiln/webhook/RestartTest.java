package io.kiln.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.fetch.AddressPolicy;
import io.kiln.fetch.NameLookup;
import io.kiln.job.Job;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything lives in the table: restarts, dead nodes and rival nodes lose or repeat nothing. */
class RestartTest {

    @TempDir
    Path dir;

    @Test
    void aRestartedServerFinishesTheDelivery() throws Exception {
        try (Outbox box = new Outbox("jdbc:h2:file:" + dir.resolve("kiln"))) {
            box.answer(500, 200);
            Job job = box.endJob(box.url("/hook"), "native");
            box.sender(RetrySchedule.DEFAULT).deliverDue();
            String id = box.delivery(job).id();

            box.restart();
            box.clock.advance(Duration.ofSeconds(5));
            assertThat(box.sender(RetrySchedule.DEFAULT).deliverDue()).isEqualTo(1);

            Delivery d = box.delivery(job);
            assertThat(d.id()).isEqualTo(id);
            assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(d.history()).extracting(Attempt::status).containsExactly(500, 200);
            assertThat(box.receiver.takeRequest().getHeaders().get("webhook-id")).isEqualTo(id);
            assertThat(box.receiver.takeRequest().getHeaders().get("webhook-id")).isEqualTo(id);
        }
    }

    @Test
    void aClaimLeftByADeadSenderLapsesAfterItsLease() throws Exception {
        try (Outbox box = new Outbox()) {
            box.answer(200);
            Job job = box.endJob(box.url("/hook"), "native");
            var now = box.clock.instant().truncatedTo(ChronoUnit.MILLIS);
            // a node claimed it and died before calling
            box.deliveries.save(box.delivery(job).claimedUntil(now.plus(WebhookSettings.DEFAULT_CLAIM_LEASE)));
            WebhookSender sender = box.sender(RetrySchedule.DEFAULT);

            assertThat(sender.deliverDue()).isZero();
            box.clock.advance(WebhookSettings.DEFAULT_CLAIM_LEASE);
            assertThat(sender.deliverDue()).isEqualTo(1);

            assertThat(box.delivery(job).status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(box.delivery(job).attempts()).isEqualTo(1);
        }
    }

    @Test
    void sendersOnTwoNodesCallEachReceiverOnce() throws Exception {
        try (Outbox box = new Outbox()) {
            List<Job> jobs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                box.answer(200);
                jobs.add(box.endJob(box.url("/hook/" + i), "native"));
            }
            WebhookSettings settings = WebhookSettings.DEFAULTS;
            WebhookSender a = box.sender(settings, AddressPolicy.parse("127.0.0.1"), NameLookup.system(),
                    WebhookMetrics.NONE);
            WebhookSender b = box.sender(settings, AddressPolicy.parse("127.0.0.1"), NameLookup.system(),
                    WebhookMetrics.NONE);

            int claimed = 0;
            try (var nodes = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Callable<Integer>> bothNodes = List.of(a::deliverDue, b::deliverDue);
                List<Future<Integer>> rounds = nodes.invokeAll(bothNodes);
                for (Future<Integer> round : rounds) {
                    claimed += round.get();
                }
            }

            assertThat(claimed).isEqualTo(20);
            assertThat(box.receiver.getRequestCount()).isEqualTo(20);
            assertThat(jobs).allSatisfy(job -> assertThat(box.delivery(job).attempts()).isEqualTo(1));
        }
    }
}
