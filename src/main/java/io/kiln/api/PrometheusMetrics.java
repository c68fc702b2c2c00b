package io.kiln.api;

import io.kiln.job.JobMetrics;
import io.kiln.job.JobService;
import io.kiln.job.JobStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Job and engine figures for {@code /metrics}: jobs by status, queue depth, conversion time per engine. */
public final class PrometheusMetrics implements JobMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Timer> conversionTimers = new ConcurrentHashMap<>();
    private final Map<JobStatus, Counter> endings = new ConcurrentHashMap<>();

    /** Registers the gauges that read live counts; call once the job service exists. */
    public void bind(Supplier<JobService> jobs) {
        for (JobStatus s : JobStatus.values()) {
            Gauge.builder("kiln_jobs", () -> jobs.get().count(s)).tag("status", s.wire())
                    .description("jobs currently stored, by status").register(registry);
        }
        Gauge.builder("kiln_queue_depth", () -> jobs.get().count(JobStatus.QUEUED))
                .description("jobs waiting for a worker").register(registry);
    }

    @Override
    public void converted(String engine, Duration took) {
        conversionTimers.computeIfAbsent(engine, e -> Timer.builder("kiln_conversion").tag("engine", e)
                .description("time spent converting, by engine").publishPercentileHistogram().register(registry))
                .record(took);
    }

    @Override
    public void ended(JobStatus status) {
        endings.computeIfAbsent(status, s -> Counter.builder("kiln_jobs_ended").tag("status", s.wire())
                .description("jobs that ended, by outcome").register(registry)).increment();
    }

    public String scrape() {
        return registry.scrape();
    }
}
