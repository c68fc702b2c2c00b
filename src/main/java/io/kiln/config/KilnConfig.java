package io.kiln.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import io.kiln.storage.S3Location;

/** The whole validated configuration, one record per concern. */
public record KilnConfig(Http http, Jobs jobs, Storage storage, Security security, Office office, Html html,
                         Ocr ocr, Webhooks webhooks, Dialects dialects, LogFormat logFormat) {

    /** The webhook sender's retries: waits doubling from {@code retryFirst}, the last attempt {@code retrySpan} after the first. */
    public record Webhooks(Duration retryFirst, Duration retrySpan) {
    }

    /**
     * What the hosted services' dialects leave to the operator: where each is mounted ({@code ""} is
     * the root, where their paths do not collide) and how long ConvertAPI holds a poll.
     */
    public record Dialects(String convertApiPrefix, String pdfCoPrefix, String pdfRestPrefix,
                           Duration convertApiPollWait) {
    }

    /**
     * The HTML engine's browsers. {@code chromium} empty means "find it on the PATH"; zero
     * {@code browsers} means the pure-Java renderer.
     */
    public record Html(Optional<Path> chromium, int browsers, int maxRendersPerBrowser) {
    }

    /** The OCR engine. {@code tesseract} empty means "find it on the PATH". */
    public record Ocr(Optional<Path> tesseract) {
    }

    /** The LibreOffice pool. {@code home} empty means "find it". */
    public record Office(Optional<Path> home, int processes, int maxTasksPerProcess, Duration queueTimeout,
                         long memoryLimitBytes) {
    }

    /** Where and how HTTP is served. {@code bind} empty means "decide from whether keys exist". */
    public record Http(String bind, int port, long maxUploadBytes, Duration maxWait, Optional<String> publicUrl,
                       List<String> trustedProxies) {
    }

    /** Job execution and lifetime. */
    public record Jobs(Duration ttl, int workers, int maxQueue, Duration taskTimeout, int maxPages, Duration lease,
                       int creditsPerPage, int creditsPerFile, Duration drainTimeout,
                       Duration syncTaskTimeout) {
    }

    /**
     * Where jobs and files are kept, and where conversions in progress work.
     *
     * @param dbWait how long a start waits for the database to become reachable
     * @param objects where stored files live when not under the data directory: an S3 bucket
     */
    public record Storage(Path dataDir, Path scratchDir, String dbUrl, String dbUser, String dbPassword,
                          Duration dbWait, Optional<S3Location> objects) {
        public boolean embedded() {
            return dbUrl.startsWith("jdbc:h2:");
        }
    }

    /**
     * Keys, link signing and the URL allow-list.
     *
     * @param allowAnonymous serve without keys where others can reach Kiln (a public address, a shared database)
     * @param maxMissesPerMinute lookups of ids that do not exist one client may make a minute; 0 is no limit
     */
    public record Security(Path keysFile, List<String> allowHosts, Optional<String> signingKey,
                           Optional<String> webhookSecret, boolean allowAnonymous, int maxMissesPerMinute) {
    }
}
