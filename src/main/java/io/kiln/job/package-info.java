/**
 * Durable jobs: the model ({@link io.kiln.job.Job}, {@link io.kiln.job.JobStatus}), the one place
 * that moves a job between states ({@link io.kiln.job.Transitions}), the {@link io.kiln.job.JobStore}
 * with optimistic versioning, the {@link io.kiln.job.JobService} every dialect calls, the bounded
 * {@link io.kiln.job.Workers}, and the sweeper and lease reaper. Depends on {@code engine} and
 * {@code storage} interfaces; knows nothing of HTTP.
 */
package io.kiln.job;
