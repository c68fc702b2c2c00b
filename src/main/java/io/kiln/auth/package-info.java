/**
 * API keys and the tenants they belong to. Keys live in a plain text file, hashed (SHA-256), one per
 * line; {@link io.kiln.auth.ApiKeys} loads it, notices edits, authenticates a presented key to a
 * {@link io.kiln.auth.Principal} and issues new keys. Knows nothing of HTTP: the API layer reads
 * the header and calls {@code authenticate}.
 */
package io.kiln.auth;
