package io.kiln.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Records of stored files. Lookups are by tenant: another tenant's file does not exist. */
public interface FileCatalog {

    void insert(StoredFile file);

    Optional<StoredFile> find(String tenant, String id);

    /** Looks a file up without a tenant, for signed links (the signature names the file). */
    Optional<StoredFile> findAnyTenant(String id);

    List<StoredFile> byJob(String tenant, String jobId);

    /** Files whose expiry is before {@code now}, at most {@code limit}. */
    List<StoredFile> expired(Instant now, int limit);

    void delete(String id);

    /** Marks a file as belonging to a job (deleting the job deletes it) and keeps it until {@code expiresAt}. */
    void attach(String id, String jobId, Instant expiresAt);

    /** Gives every file of a job the job's expiry. */
    void expireWithJob(String tenant, String jobId, Instant expiresAt);

    /** Gives an upload the expiry of the job that uses it, so it lives as long as the job. */
    void extendExpiry(String id, Instant expiresAt);
}
