package io.kiln.job;

import io.kiln.storage.StoredFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a client asked for, already parsed from its protocol by an API or dialect adapter.
 *
 * @param from source format, or empty to detect it from the first input
 * @param jobId client-supplied id (idempotency), or empty for a server-made one
 * @param dialect which protocol the request came in by ({@code native}, {@code convertapi}, ...)
 * @param uploads the files stored while reading this request (its {@link JobInput#owned()} inputs),
 *     so accepting it need not look them up again
 */
public record JobRequest(String to, Optional<String> from, Map<String, String> options, List<JobInput> inputs,
                         Optional<String> jobId, Optional<String> webhook, String dialect, List<StoredFile> uploads) {

    public JobRequest {
        options = Map.copyOf(options);
        inputs = List.copyOf(inputs);
        uploads = List.copyOf(uploads);
    }

    public JobRequest(String to, Optional<String> from, Map<String, String> options, List<JobInput> inputs,
                      Optional<String> jobId, Optional<String> webhook, String dialect) {
        this(to, from, options, inputs, jobId, webhook, dialect, List.of());
    }
}
