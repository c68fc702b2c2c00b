package io.kiln.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A job's life in the log, on the {@code kiln.jobs} logger: accepted, running, ended. While a worker
 * runs a job its id is in the logging context ({@value #LOG_KEY}), so the engine's own lines carry it.
 */
final class JobLog {

    static final String LOG_KEY = "jobId";
    /** The logging context's key of the request that created the job (as the HTTP layer names it). */
    static final String REQUEST_KEY = "requestId";
    private static final Logger LOG = LoggerFactory.getLogger("kiln.jobs");

    private JobLog() {
    }

    static void accepted(Job job) {
        LOG.atInfo().addKeyValue(LOG_KEY, job.id()).addKeyValue("tenant", job.tenant())
                .log("job {} accepted: {} → {}, {} input(s)", job.key(), job.from() == null ? "?" : job.from(),
                        job.to(), job.inputs().size());
    }

    /**
     * Marks the worker's thread as running {@code job}, created by request {@code requestId} (null
     * when unknown); {@link #left()} undoes it.
     */
    static void running(Job job, String requestId) {
        MDC.put(LOG_KEY, job.id());
        if (requestId != null) {
            MDC.put(REQUEST_KEY, requestId);
        }
        LOG.info("job {} running (attempt {})", job.key(), job.attempts());
    }

    static void ended(Job job) {
        long ms = job.duration().map(java.time.Duration::toMillis).orElse(0L);
        if (job.error() == null) {
            LOG.info("job {} {} in {} ms: {} output(s)", job.key(), job.status().wire(), ms, job.outputs().size());
        } else {
            LOG.info("job {} {} in {} ms: {}: {}", job.key(), job.status().wire(), ms, job.error().code().code(),
                    job.error().message());
        }
    }

    static void left() {
        MDC.remove(LOG_KEY);
        MDC.remove(REQUEST_KEY);
    }
}
