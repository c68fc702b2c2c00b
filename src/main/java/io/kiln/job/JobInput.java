package io.kiln.job;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One input of a job: a stored file id, or a URL fetched when the job runs.
 *
 * @param owned the file was uploaded with this request, so it lives and dies with the job
 */
public record JobInput(String fileId, String url, boolean owned) {

    public static JobInput file(String fileId) {
        return new JobInput(fileId, null, false);
    }

    /** A file uploaded in the same request as the job. */
    public static JobInput upload(String fileId) {
        return new JobInput(fileId, null, true);
    }

    public static JobInput url(String url) {
        return new JobInput(null, url, false);
    }

    @JsonIgnore
    public boolean isUrl() {
        return url != null;
    }
}
