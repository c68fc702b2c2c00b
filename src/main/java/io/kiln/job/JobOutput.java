package io.kiln.job;

/** One result file of a finished job. */
public record JobOutput(String fileId, String name, String ext, long size, String sha256, Integer pageCount) {
}
