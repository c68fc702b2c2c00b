package io.kiln.job;

import io.kiln.error.ErrorCode;

/** Why a job failed: a stable code and a sentence for the client. */
public record JobError(ErrorCode code, String message) {
}
