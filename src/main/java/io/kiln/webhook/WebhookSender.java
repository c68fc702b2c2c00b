package io.kiln.webhook;

import io.kiln.fetch.AddressPolicy;
import io.kiln.fetch.NameLookup;
import io.kiln.job.Durability;
import io.kiln.job.Job;
import io.kiln.job.JobStore;
import io.kiln.job.OutageLog;
import io.kiln.error.ServiceUnavailable;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox. A loop ({@link #start}) claims due deliveries and calls their receivers at
 * once, each call in a slot of its own ({@link CallsInFlight}), and records each attempt; a failed
 * one is retried on the {@link RetrySchedule}, later if the receiver's {@code Retry-After} asks. The
 * loop claims again whenever slots are free, not when a round of calls is over: a receiver that hangs
 * holds its own slot until its call is cut, and deliveries to others go on meanwhile (they waited for
 * the cut, 10 s, when the loop went by rounds). Everything lives in the table, so a restart resumes
 * where the last run stopped, and a claim left by a dead node lapses after the claim lease.
 * The loop looks every {@link WebhookSettings#pollEvery()}, or at once when {@link #wake()}d.
 *
 * <p>Business times (claims, attempt times, when retries fall due) come from the injected clock, at
 * the table's millisecond precision; tests drive them and call {@link #deliverDue()} directly.
 */
public final class WebhookSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    private static final int MAX_ERROR_LENGTH = 500;

    private final JdbcDeliveries deliveries;
    private final JobStore jobs;
    private final WebhookRequests requests;
    private final WebhookClient client;
    private final WebhookSettings settings;
    private final Clock clock;
    private final WebhookMetrics metrics;
    private final Durability durability;
    private final Semaphore wakeups = new Semaphore(0);
    private final CallsInFlight calls;
    private final OutageLog outages = new OutageLog(LOG, "webhook deliveries");
    private volatile Thread loop;
    private volatile boolean closed;

    /**
     * @param deliveries the outbox table
     * @param jobs where the job of each delivery is read (a job that is gone cancels its delivery)
     * @param signer signs native and pdfRest calls
     * @param policy the same SSRF policy as URL inputs ({@code --allow-hosts})
     * @param durability makes what was read from the outbox survive a crash before a receiver hears of it
     */
    public WebhookSender(JdbcDeliveries deliveries, JobStore jobs, WebhookPayloads payloads, WebhookSigner signer,
                         AddressPolicy policy, WebhookSettings settings, Clock clock, WebhookMetrics metrics,
                         Durability durability) {
        this(deliveries, jobs, payloads, signer, new WebhookClient(policy, NameLookup.system()), settings, clock,
                metrics, durability);
    }

    /** Takes ownership of {@code client}: {@link #close()} stops it. */
    WebhookSender(JdbcDeliveries deliveries, JobStore jobs, WebhookPayloads payloads, WebhookSigner signer,
                  WebhookClient client, WebhookSettings settings, Clock clock, WebhookMetrics metrics,
                  Durability durability) {
        this.durability = durability;
        this.deliveries = deliveries;
        this.jobs = jobs;
        this.requests = new WebhookRequests(payloads, signer);
        this.client = client;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.calls = new CallsInFlight(settings.callsAtOnce(), this::wake); // a free slot may take a due delivery
    }

    /** Starts the delivery loop on a virtual thread. */
    public synchronized void start() {
        if (loop == null && !closed) {
            loop = Thread.ofVirtual().name("kiln-webhooks").start(this::run);
        }
    }

    /** A job with a webhook ended on this node, or a call ended: look now rather than at the next poll. */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    private void run() {
        while (!closed) {
            try {
                int wanted = Math.min(settings.batchSize(), calls.free());
                // a look that got all it asked for suggests more are due: go again without waiting,
                // unless every slot is taken (the end of a call wakes the loop)
                if (startDue(wanted).size() < wanted || calls.free() == 0) {
                    wakeups.tryAcquire(settings.pollEvery().toMillis(), TimeUnit.MILLISECONDS);
                }
                outages.ended();
            } catch (InterruptedException e) {
                return; // close()
            } catch (ServiceUnavailable e) {
                outages.began(e); // the outbox is out of reach: deliveries wait in it
                pause();
            } catch (RuntimeException e) {
                LOG.error("webhook loop error", e);
                pause();
            }
        }
    }

    /**
     * One round, for tests that drive the clock: claims up to a batch of due deliveries (as far as
     * free slots allow), makes their attempts, all at once, and returns when every one is recorded.
     *
     * @return how many deliveries were claimed
     */
    public int deliverDue() throws InterruptedException {
        List<Future<?>> started = startDue(Math.min(settings.batchSize(), calls.free()));
        for (Future<?> call : started) {
            try {
                call.get();
            } catch (ExecutionException unexpected) {
                throw new IllegalStateException("a webhook call failed unexpectedly", unexpected.getCause());
            }
        }
        return started.size();
    }

    /** Claims up to {@code wanted} due deliveries, each in a slot reserved first, and starts their calls. */
    private List<Future<?>> startDue(int wanted) {
        if (closed || wanted == 0) {
            return List.of();
        }
        int slots = calls.reserve(wanted);
        if (slots == 0) {
            return List.of();
        }
        List<Delivery> claimed = new ArrayList<>();
        try {
            Instant now = now();
            for (Delivery due : deliveries.due(now, slots)) {
                claim(due, now).ifPresent(claimed::add);
            }
            if (!claimed.isEmpty()) {
                // the job's end and its delivery row are on disk before a receiver hears of them: a crash can
                // then neither undo an end that was announced nor have the re-run announce it under a new id
                durability.await();
            }
        } catch (RuntimeException e) {
            calls.unreserve(slots); // what was claimed lapses after its lease and is tried again
            throw e;
        }
        calls.unreserve(slots - claimed.size());
        List<Future<?>> started = new ArrayList<>();
        for (Delivery d : claimed) {
            try {
                started.add(calls.start(() -> attemptAndKeep(d)));
            } catch (RejectedExecutionException closing) {
                calls.unreserve(claimed.size() - started.size() - 1);
                break;
            }
        }
        return started;
    }

    /** Makes the attempt, then keeps what it recorded: what was delivered stays delivered, fewer repeats after a crash. */
    private void attemptAndKeep(Delivery d) {
        attempt(d);
        if (Thread.currentThread().isInterrupted()) {
            return; // closing
        }
        try {
            durability.await();
        } catch (ServiceUnavailable e) {
            outages.began(e);
        } catch (RuntimeException e) {
            LOG.error("webhook delivery {}: its attempt could not be made durable", d.id(), e);
        }
    }

    private Optional<Delivery> claim(Delivery due, Instant now) {
        try {
            return Optional.of(deliveries.save(due.claimedUntil(now.plus(settings.claimLease()))));
        } catch (StaleDeliveryException lost) {
            return Optional.empty(); // another sender has it
        }
    }

    private void attempt(Delivery d) {
        try {
            Instant now = now();
            // a job past its expiry is still notified: the sweeper keeps it while its delivery is pending
            // (a receiver down for hours must still hear of it); only a deleted job cancels its webhook
            Optional<Job> job = jobs.find(d.tenant(), d.jobId());
            if (job.isEmpty()) {
                finish(d.cancelled(now), DeliveryStatus.CANCELLED);
                return;
            }
            Instant at = now();
            AttemptResult result = call(d, job.get(), at);
            Attempt attempt = new Attempt(d.attempts() + 1, at, result.status(), clip(result.error()),
                    result.durationMs());
            metrics.attempted(d, attempt);
            record(d, attempt, result);
        } catch (InterruptedException stopping) {
            // no attempt is recorded; the claim lapses and the next run makes it again
            Thread.currentThread().interrupt();
        } catch (StaleDeliveryException lost) {
            LOG.warn("webhook delivery {} was taken over while its call ran (claim lease too short?)", d.id());
        } catch (ServiceUnavailable e) {
            outages.began(e); // the claim lapses and the delivery is tried again
        } catch (RuntimeException e) {
            LOG.error("webhook delivery {} could not be attempted", d.id(), e);
        }
    }

    /** Only a header: a database that cannot say it does not hold the delivery back. */
    private String requestIdOf(Job job) {
        try {
            return jobs.requestId(job.tenant(), job.id()).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private AttemptResult call(Delivery d, Job job, Instant at) throws InterruptedException {
        WebhookRequest request;
        try {
            request = requests.build(d, job, at, requestIdOf(job));
        } catch (URISyntaxException malformed) {
            return AttemptResult.never("the webhook URL is malformed: " + malformed.getReason());
        } catch (RuntimeException renderingFailed) {
            // recorded as a failed attempt so the schedule still runs its course instead of looping on the claim
            LOG.error("webhook {}: the body for job {} could not be rendered", d.id(), d.jobId(), renderingFailed);
            return AttemptResult.failed("Kiln could not prepare the notification (internal error)", 0);
        }
        return client.send(request, settings.attemptTimeout());
    }

    private void record(Delivery d, Attempt attempt, AttemptResult result) {
        NextStep next = NextStep.after(result, attempt.attempt(), settings.schedule(), now());
        Delivery saved = deliveries.save(d.after(attempt, next.status(), next.nextAttemptAt()));
        if (next.status() == DeliveryStatus.PENDING) {
            LOG.debug("webhook {} attempt {} failed ({}), next at {}", d.id(), attempt.attempt(), describe(attempt),
                    saved.nextAttemptAt());
        } else {
            ended(saved, next.status(), attempt);
        }
    }

    private void finish(Delivery d, DeliveryStatus status) {
        ended(deliveries.save(d), status, null);
    }

    private void ended(Delivery d, DeliveryStatus status, Attempt last) {
        metrics.ended(status);
        switch (status) {
            case DELIVERED -> LOG.debug("webhook {} for job {} delivered", d.id(), d.jobId());
            case CANCELLED -> LOG.info("webhook {} cancelled: job {} is gone", d.id(), d.jobId());
            default -> LOG.warn("webhook {} for job {} failed (attempts: {}, last: {})", d.id(), d.jobId(),
                    d.attempts(), describe(last));
        }
    }

    private static String describe(Attempt a) {
        return a.error() != null ? a.error() : "HTTP " + a.status();
    }

    private static String clip(String error) {
        return error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }

    /** The clock's time at the table's precision, so what is written is what is read back. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private void pause() {
        try {
            Thread.sleep(settings.pollEvery().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the loop, the calls under way (each is abandoned and made again after a restart) and the HTTP client. */
    @Override
    public void close() {
        closed = true;
        Thread t = loop;
        try {
            if (t != null) {
                t.interrupt();
                t.join(settings.attemptTimeout().plusSeconds(5));
            }
            calls.stop(settings.attemptTimeout().plusSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
