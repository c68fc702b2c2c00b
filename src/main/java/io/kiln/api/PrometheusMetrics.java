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
import java.util.function.Supplier;

/** Job and engine figures for {@code /metrics}: jobs by status, queue depth, conversion time per engine. */
public final class PrometheusMetrics implements JobMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

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
        Timer.builder("kiln_conversion").tag("engine", engine).description("time spent converting, by engine")
                .publishPercentileHistogram().register(registry).record(took);
    }

    @Override
    public void ended(JobStatus status) {
        Counter.builder("kiln_jobs_ended").tag("status", status.wire()).description("jobs that ended, by outcome")
                .register(registry).increment();
    }

    public String scrape() {
        return registry.scrape();
    }
}
