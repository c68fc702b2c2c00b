package io.kiln.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job as stored. Immutable: every change goes through {@link #moveTo} (which checks the state
 * machine) or a {@code with...} copy, and is saved with {@link JobStore#update}, which checks
 * {@link #version()}.
 *
 * @param from source format, or null while a URL input has not been fetched yet
 * @param credits what the job cost; charged to {@code keyId}'s balance when it ended
 * @param keyId the API key that submitted it (whose credits pay for it), or null without keys
 */
public record Job(String tenant, String id, long version, JobStatus status, String from, String to,
                  Map<String, String> options, List<JobInput> inputs, String requestHash, String webhook,
                  String dialect, Instant createdAt, Instant startedAt, Instant finishedAt, Instant expiresAt,
                  int attempts, String leaseOwner, Instant leaseUntil, List<JobOutput> outputs, JobError error,
                  long credits, String keyId) {

    public Job {
        options = Map.copyOf(options);
        inputs = List.copyOf(inputs);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }

    /** The key that identifies this job across tenants (ids are only unique per tenant). */
    public String key() {
        return tenant + "/" + id;
    }

    public Optional<Duration> duration() {
        return startedAt == null || finishedAt == null ? Optional.empty()
                : Optional.of(Duration.between(startedAt, finishedAt));
    }

    /** A copy in {@code next} status; refuses moves the state machine does not allow. */
    public Job moveTo(JobStatus next) {
        Transitions.check(status, next);
        return new Job(tenant, id, version, next, from, to, options, inputs, requestHash, webhook, dialect,
                createdAt, startedAt, finishedAt, expiresAt, attempts, leaseOwner, leaseUntil, outputs, error, credits, keyId);
    }

    public Job claimed(String owner, Instant now, Instant until) {
        Job j = moveTo(JobStatus.WORKING);
        return new Job(tenant, id, version, j.status, from, to, options, inputs, requestHash, webhook, dialect,
                createdAt, now, null, null, attempts + 1, owner, until, List.of(), null, credits, keyId);
    }

    public Job requeued() {
        Job j = moveTo(JobStatus.QUEUED);
        return new Job(tenant, id, version, j.status, from, to, options, inputs, requestHash, webhook, dialect,
                createdAt, null, null, null, attempts, null, null, List.of(), null, credits, keyId);
    }

    /** Back in the queue after a run that an outage stopped: the run is not counted as an attempt. */
    public Job givenBack() {
        Job j = moveTo(JobStatus.QUEUED);
        return new Job(tenant, id, version, j.status, from, to, options, inputs, requestHash, webhook, dialect,
                createdAt, null, null, null, Math.max(0, attempts - 1), null, null, List.of(), null, credits, keyId);
    }

    public Job withLease(Instant until) {
        return new Job(tenant, id, version, status, from, to, options, inputs, requestHash, webhook, dialect,
                createdAt, startedAt, finishedAt, expiresAt, attempts, leaseOwner, until, outputs, error, credits, keyId);
    }

    /** The same job as stored under {@code newVersion}. */
    public Job withVersion(long newVersion) {
        return new Job(tenant, id, newVersion, status, from, to, options, inputs, requestHash, webhook, dialect,
                createdAt, startedAt, finishedAt, expiresAt, attempts, leaseOwner, leaseUntil, outputs, error, credits,
                keyId);
    }

    /** A copy that ended in {@code end} at {@code now}, expiring {@code ttl} later. */
    public Job ended(JobStatus end, Instant now, Duration ttl, String fromFormat, List<JobOutput> results,
                     JobError why, long charged) {
        Job j = moveTo(end);
        return new Job(tenant, id, version, j.status, fromFormat, to, options, inputs, requestHash, webhook, dialect,
                createdAt, startedAt == null ? now : startedAt, now, now.plus(ttl), attempts, null, null,
                results, why, charged, keyId);
    }
}
