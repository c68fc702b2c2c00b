package io.kiln.webhook;

import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.RecordedRequest;

import io.kiln.db.Database;
import io.kiln.fetch.AddressPolicy;
import io.kiln.fetch.NameLookup;
import io.kiln.job.JdbcJobStore;
import io.kiln.job.Job;
import io.kiln.job.JobInput;
import io.kiln.job.JobStatus;
import io.kiln.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/**
 * A webhook test bench: an H2 database, the production job store (ending a job writes the outbox
 * row, as in production), a receiver on 127.0.0.1, and senders allow-listed to reach it.
 */
final class Outbox implements AutoCloseable {

    static final byte[] SECRET = "kiln-test-webhook-secret-32bytes".getBytes(StandardCharsets.UTF_8);
    static final String TENANT = "acme";

    /** Fixed bodies, so tests can tell which renderer was used. */
    static final WebhookPayloads PAYLOADS = new WebhookPayloads() {
        @Override
        public String nativeJson(Job job) {
            return "{\"id\":\"" + job.id() + "\",\"status\":\"" + job.status().wire() + "\",\"note\":\"né\"}";
        }

        @Override
        public String pdfcoJson(Job job) {
            return "{\"jobId\":\"" + job.id() + "\",\"status\":\"" + job.status().wire() + "\"}";
        }
    };

    final MutableClock clock = new MutableClock();
    private final String dbUrl;
    Database db;
    JdbcJobStore jobs;
    JdbcDeliveries deliveries;
    final MockWebServer receiver = new MockWebServer();
    private final List<WebhookSender> senders = new ArrayList<>();

    Outbox() {
        this("jdbc:h2:mem:webhooks-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    Outbox(String dbUrl) {
        this.dbUrl = dbUrl;
        open();
        try {
            // an address literal, not "localhost", which may also resolve to ::1
            receiver.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void open() {
        db = Database.open(dbUrl, "", "", 4);
        jobs = new JdbcJobStore(db.dataSource());
        deliveries = new JdbcDeliveries(db.dataSource());
    }

    /** A process restart: every sender stops, the pool closes, and the same database is opened again. */
    void restart() {
        senders.forEach(WebhookSender::close);
        senders.clear();
        db.close();
        open();
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + receiver.getPort() + pathAndQuery;
    }

    /** Queues a job with a webhook, claims it and ends it in success, as workers do. */
    Job endJob(String webhook, String dialect) {
        var now = clock.instant();
        Job job = new Job(TENANT, UUID.randomUUID().toString(), 0, JobStatus.QUEUED, "pdf", "png", Map.of(),
                List.of(JobInput.file("f1")), "hash", webhook, dialect, now, null, null, null, 0, null, null,
                List.of(), null, 0, null);
        jobs.insert(job);
        Job working = jobs.update(job.claimed("node-1", now, now.plusSeconds(30)));
        return jobs.update(working.ended(JobStatus.SUCCESS, now, Duration.ofHours(2), "pdf", List.of(), null, 1));
    }

    WebhookSender sender(RetrySchedule schedule) {
        return sender(schedule, AddressPolicy.parse("127.0.0.1"), NameLookup.system());
    }

    WebhookSender sender(RetrySchedule schedule, AddressPolicy policy, NameLookup lookup) {
        return sender(WebhookSettings.DEFAULTS.withSchedule(schedule), policy, lookup, WebhookMetrics.NONE);
    }

    WebhookSender sender(WebhookSettings settings, AddressPolicy policy, NameLookup lookup, WebhookMetrics metrics) {
        WebhookSender s = new WebhookSender(deliveries, jobs, PAYLOADS, new WebhookSigner(SECRET),
                new WebhookClient(policy, lookup), settings, clock, metrics, io.kiln.job.Durability.COMMITS_ARE_DURABLE);
        senders.add(s);
        return s;
    }

    Delivery delivery(Job job) {
        return deliveries.delivery(job.tenant(), job.id()).orElseThrow();
    }

    void answer(int... statuses) {
        for (int status : statuses) {
            receiver.enqueue(new MockResponse.Builder().code(status).build());
        }
    }

    /** The Standard Webhooks signature a call should carry under {@link #SECRET}. */
    static String expectedSignature(RecordedRequest call) throws Exception {
        String signed = call.getHeaders().get("webhook-id") + "." + call.getHeaders().get("webhook-timestamp") + "."
                + call.getBody().utf8();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Outbox.SECRET, "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        senders.forEach(WebhookSender::close);
        receiver.close();
        db.close();
    }
}
