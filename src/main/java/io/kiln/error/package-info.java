/**
 * Errors every layer shares: a closed set of stable {@link io.kiln.error.ErrorCode}s and the sealed
 * {@link io.kiln.error.KilnException} family that carries them. Mapping codes to HTTP statuses is the
 * API layer's job, done in one place; nothing here knows HTTP.
 */
package io.kiln.error;
