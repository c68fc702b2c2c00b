package io.kiln.observe;

import io.kiln.engine.WarmPool;
import io.kiln.job.JobMetrics;
import io.kiln.job.JobService;
import io.kiln.job.JobStatus;
import io.kiln.webhook.Attempt;
import io.kiln.webhook.Delivery;
import io.kiln.webhook.DeliveryStatus;
import io.kiln.webhook.WebhookMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Every figure {@code /metrics} shows, in Micrometer's Prometheus registry: HTTP requests, the JVM
 * and the process, jobs (stored by status, ended by outcome, conversion time by engine, the queue's
 * depth and the age of its oldest job) and webhook deliveries. Engine pools and the database pool
 * register their own meters on {@link #registry()}.
 */
public final class PrometheusMetrics implements JobMetrics, WebhookMetrics, AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public PrometheusMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Registers the gauges that read live counts; call once the job service exists. */
    public void bind(Supplier<JobService> jobs) {
        for (JobStatus s : JobStatus.values()) {
            Gauge.builder("kiln_jobs", () -> jobs.get().count(s)).tag("status", s.wire())
                    .description("jobs currently stored, by status").register(registry);
        }
        Gauge.builder("kiln_queue_depth", () -> jobs.get().count(JobStatus.QUEUED))
                .description("jobs waiting for a worker").register(registry);
        Gauge.builder("kiln_queue_oldest_age_seconds", () -> jobs.get().oldestQueuedAge()
                        .map(age -> age.toMillis() / 1000.0).orElse(0.0))
                .description("how long the oldest queued job has waited (0 when none waits)").register(registry);
    }

    /** Registers a warm-process pool's gauges: size, ready, busy, waiting, restarts by reason, warm-ups. */
    public void pool(WarmPool pool) {
        Tags tags = Tags.of("pool", pool.poolName());
        Gauge.builder("kiln_pool_size", pool, WarmPool::size).tags(tags)
                .description("processes the pool keeps").register(registry);
        Gauge.builder("kiln_pool_ready", pool, WarmPool::ready).tags(tags)
                .description("processes up and taking work").register(registry);
        Gauge.builder("kiln_pool_busy", pool, WarmPool::busy).tags(tags)
                .description("processes running a conversion").register(registry);
        Gauge.builder("kiln_pool_waiting", pool, WarmPool::waiting).tags(tags)
                .description("conversions waiting for a free process").register(registry);
        for (String reason : pool.restartsByReason().keySet()) {
            FunctionCounter.builder("kiln_pool_restarts", pool, p -> p.restartsByReason().getOrDefault(reason, 0L))
                    .tags(tags).tag("reason", reason).description("process restarts, by reason").register(registry);
        }
        FunctionTimer.builder("kiln_pool_warmup", pool, WarmPool::warmUps, p -> p.warmUpTime().toNanos(),
                        TimeUnit.NANOSECONDS).tags(tags)
                .description("process starts until ready (count and total time)").register(registry);
    }

    /** One answered HTTP request; {@code route} is the matched route's template, never the raw path. */
    public void served(String method, String route, int status, Duration took) {
        Timer.builder("http_server_requests").tag("method", method).tag("route", route)
                .tag("status", Integer.toString(status)).tag("outcome", outcome(status))
                .description("HTTP requests answered, by route template, method and status")
                .publishPercentileHistogram().register(registry).record(took);
    }

    private static String outcome(int status) {
        return switch (status / 100) {
            case 1 -> "informational";
            case 2 -> "success";
            case 3 -> "redirection";
            case 4 -> "client_error";
            default -> "server_error";
        };
    }

    @Override
    public void converted(String engine, String operation, boolean succeeded, Duration took) {
        Timer.builder("kiln_conversion").tag("engine", engine).tag("operation", operation)
                .tag("outcome", succeeded ? "success" : "failed")
                .description("conversions run, by engine, operation (target format) and outcome")
                .publishPercentileHistogram().register(registry).record(took);
    }

    @Override
    public void ended(JobStatus status) {
        Counter.builder("kiln_jobs_ended").tag("status", status.wire())
                .description("jobs that ended, by outcome").register(registry).increment();
    }

    @Override
    public void attempted(Delivery delivery, Attempt attempt) {
        String outcome = attempt.succeeded() ? "delivered" : attempt.status() == null ? "no_answer" : "refused";
        Timer.builder("kiln_webhook_attempts").tag("outcome", outcome)
                .description("calls of webhook receivers, by outcome: delivered (2xx), refused (another status), no_answer")
                .register(registry).record(Duration.ofMillis(attempt.durationMs()));
        if (attempt.succeeded()) {
            Timer.builder("kiln_webhook_delivery_lag").publishPercentileHistogram()
                    .description("from a job's end to its webhook's delivery")
                    .register(registry).record(Duration.between(delivery.createdAt(), attempt.at()).abs());
        }
    }

    @Override
    public void ended(DeliveryStatus status) {
        Counter.builder("kiln_webhook_deliveries_ended").tag("status", status.name().toLowerCase(java.util.Locale.ROOT))
                .description("webhook deliveries that ended: delivered, failed (retries ran out) or cancelled")
                .register(registry).increment();
    }

    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
