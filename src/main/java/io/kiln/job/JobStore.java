package io.kiln.job;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of jobs, also the work queue. Every implementation must pass
 * {@code JobStoreContract}. Updates are optimistic: {@link #update} succeeds only if the stored
 * version equals the job's, and bumps it.
 */
public interface JobStore {

    /** @throws DuplicateJobException when the tenant already has a job with this id */
    void insert(Job job);

    Optional<Job> find(String tenant, String id);

    /** Every tenant's job with this id (ids Kiln makes are unique; a client's own may repeat across tenants), at most {@code limit}. */
    List<Job> findInAnyTenant(String id, int limit);

    /**
     * Saves {@code job} if nobody changed it since it was read.
     *
     * @return the saved job, with its version incremented
     * @throws StaleJobException when the stored version differs or the job is gone
     */
    Job update(Job job);

    /** Deletes the job; true if it existed. */
    boolean delete(String tenant, String id);

    /** Oldest queued jobs first, at most {@code limit}: candidates for a worker to claim. */
    List<Job> nextQueued(int limit);

    /** Jobs in {@code working} whose lease ended before {@code now} (their worker died). */
    List<Job> expiredLeases(Instant now, int limit);

    /** Jobs in {@code working} regardless of lease (embedded restart: no other node can own them). */
    List<Job> working(int limit);

    /** Ended jobs whose expiry is before {@code now}. */
    List<Job> expired(Instant now, int limit);

    /** A tenant's jobs, newest first. {@code status} empty means all. */
    List<Job> list(String tenant, Optional<JobStatus> status, int limit, int offset);

    long count(JobStatus status);

    /** Notes the id of the request that created the job (in the unit of work that inserts it). */
    void recordRequestId(String tenant, String jobId, String requestId);

    /** The id of the request that created the job, if one was recorded. */
    Optional<String> requestId(String tenant, String jobId);

    /** The jobs of the key with this id that are queued or working: what its concurrent-jobs limit counts. */
    long countUnfinished(String keyId);

    /** When the job that has waited longest in the queue was created; empty when none waits. */
    Optional<Instant> oldestQueuedAt();

    /** How many queued jobs were created before this one (0 = next), counted up to a cap. */
    long queuePosition(Job job);
}
