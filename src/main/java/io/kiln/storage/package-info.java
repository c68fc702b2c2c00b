/**
 * Where file bytes and their records live: a {@link io.kiln.storage.BlobStore} for content (small
 * blobs as database rows, the rest in a local directory or, for a cluster, an S3-compatible bucket:
 * {@link io.kiln.storage.S3BlobStore}) and a {@link io.kiln.storage.FileCatalog} of
 * {@link io.kiln.storage.StoredFile} records (owner, name, hash, expiry). Knows nothing of HTTP or jobs.
 */
package io.kiln.storage;
