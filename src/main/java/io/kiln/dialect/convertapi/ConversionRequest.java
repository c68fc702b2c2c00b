package io.kiln.dialect.convertapi;

import io.kiln.job.JobRequest;
import java.util.List;

/**
 * A ConvertAPI conversion request: the job Kiln runs, and how to answer it.
 *
 * @param storeFile answer with links ({@code Url}) rather than the content ({@code FileData})
 * @param ignored parameters (as the client spelled them) that Kiln cannot honour for this conversion
 */
record ConversionRequest(JobRequest job, boolean async, boolean storeFile, List<String> ignored) {
}
