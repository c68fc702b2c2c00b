package io.kiln.app;

import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import io.kiln.fetch.FetchedFile;
import io.kiln.fetch.UrlFetcher;
import io.kiln.job.FileNames;
import io.kiln.job.UrlInputs;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** URL inputs for jobs, fetched under the SSRF rules of {@link UrlFetcher}. */
final class FetchingUrlInputs implements UrlInputs {

    private static final Duration FETCH_TIMEOUT = Duration.ofMinutes(2);
    private final UrlFetcher fetcher;

    FetchingUrlInputs(UrlFetcher fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public void check(String url) {
        fetcher.check(uri(url));
    }

    @Override
    public Path fetch(String url, Path dir, long maxBytes) throws IOException {
        FetchedFile f = fetcher.fetch(uri(url), dir.resolve("download.part"), maxBytes, FETCH_TIMEOUT, Map.of());
        Path named = dir.resolve(FileNames.safe(f.fileName(), "download"));
        return Files.move(f.path(), named);
    }

    private static URI uri(String url) {
        try {
            return new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "'" + url + "' is not a valid URL");
        }
    }
}
