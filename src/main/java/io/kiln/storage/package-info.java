/**
 * Where file bytes and their records live: a {@link io.kiln.storage.BlobStore} for content (a local
 * directory now, S3-compatible later) and a {@link io.kiln.storage.FileCatalog} of
 * {@link io.kiln.storage.StoredFile} records (owner, name, hash, expiry). Knows nothing of HTTP or jobs.
 */
package io.kiln.storage;
