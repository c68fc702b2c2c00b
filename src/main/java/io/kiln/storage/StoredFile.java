package io.kiln.storage;

import java.time.Instant;

/**
 * A file Kiln keeps: an upload or a conversion output.
 *
 * @param ext detected format (lower-case extension)
 * @param jobId the job that produced it, or null for an upload
 */
public record StoredFile(String id, String tenant, String name, String ext, long size, String sha256,
                         String blobKey, Integer pageCount, String jobId, Instant createdAt, Instant expiresAt) {
}
