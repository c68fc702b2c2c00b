/**
 * The native HTTP API (v1) on Javalin: thin handlers that bind a request, call
 * {@link io.kiln.job.JobService} and render the result. Errors become RFC 9457 problem documents in
 * one place ({@link io.kiln.api.Problems}). May depend on {@code job} and {@code storage} types; never
 * on an engine or the file system directly.
 */
package io.kiln.api;
