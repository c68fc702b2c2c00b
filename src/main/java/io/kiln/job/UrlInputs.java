package io.kiln.job;

import java.io.IOException;
import java.nio.file.Path;

/** How URL inputs are vetted at submit time and fetched when a job runs (SSRF rules live behind it). */
public interface UrlInputs {

    /** @throws io.kiln.error.RequestRejected {@code url_forbidden} when the URL may not be fetched */
    void check(String url);

    /**
     * Downloads {@code url} into {@code dir}.
     *
     * @return the downloaded file, named as the server or URL names it
     * @throws io.kiln.error.ConversionFailed {@code url_fetch_failed} and the like
     */
    Path fetch(String url, Path dir, long maxBytes) throws IOException, InterruptedException;
}
