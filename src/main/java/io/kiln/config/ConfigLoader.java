package io.kiln.config;

import io.kiln.storage.S3Location;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds a {@link KilnConfig} from flags and environment, validating every value. */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    public static KilnConfig load(String[] args, Map<String, String> env) {
        RawSettings raw = RawSettings.from(args, env);
        Path data = Path.of(raw.get(Setting.DATA)).toAbsolutePath().normalize();
        int cores = Runtime.getRuntime().availableProcessors();

        var http = new KilnConfig.Http(
                raw.get(Setting.BIND),
                Values.integer(raw.source(Setting.PORT), raw.get(Setting.PORT), 0, 65535),
                Values.size(raw.source(Setting.MAX_UPLOAD), raw.get(Setting.MAX_UPLOAD)),
                Values.duration(raw.source(Setting.MAX_WAIT), raw.get(Setting.MAX_WAIT)),
                raw.explicit(Setting.PUBLIC_URL).map(u -> u.replaceAll("/+$", "")),
                raw.explicit(Setting.TRUSTED_PROXIES)
                        .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList())
                        .orElse(List.of()));
        var jobs = new KilnConfig.Jobs(
                Values.duration(raw.source(Setting.JOB_TTL), raw.get(Setting.JOB_TTL)),
                raw.explicit(Setting.WORKERS)
                        .map(w -> Values.integer(raw.source(Setting.WORKERS), w, 1, 1024)).orElse(cores),
                Values.integer(raw.source(Setting.MAX_QUEUE), raw.get(Setting.MAX_QUEUE), 1, 10_000_000),
                Values.duration(raw.source(Setting.TASK_TIMEOUT), raw.get(Setting.TASK_TIMEOUT)),
                Values.integer(raw.source(Setting.MAX_PAGES), raw.get(Setting.MAX_PAGES), 1, 1_000_000),
                Values.duration(raw.source(Setting.LEASE), raw.get(Setting.LEASE)),
                Values.integer(raw.source(Setting.CREDITS_PER_PAGE), raw.get(Setting.CREDITS_PER_PAGE), 0, 1_000_000),
                Values.integer(raw.source(Setting.CREDITS_PER_FILE), raw.get(Setting.CREDITS_PER_FILE), 0, 1_000_000),
                Values.duration(raw.source(Setting.DRAIN_TIMEOUT), raw.get(Setting.DRAIN_TIMEOUT)),
                Values.duration(raw.source(Setting.SYNC_TASK_TIMEOUT), raw.get(Setting.SYNC_TASK_TIMEOUT)));
        String dbUrl = raw.explicit(Setting.DB_URL)
                // a statement cache larger than the ~20 statements Kiln uses saves a parse per call.
                // retry: a thread interrupted in the middle of a file operation would close a plain
                // FileChannel under the database and stop it for good; this file system reopens it and
                // retries (clearing that thread's interrupt, so Kiln never relies on interrupting a thread
                // that uses the database: see job.Cancellation). "async:" is immune too but hands every
                // read and write to another thread, which cost a tenth of the CPU of small jobs.
                // Commits reach the disk in the background; JobService waits for a checkpoint before
                // answering a job as accepted (GroupCommit)
                .orElse("jdbc:h2:retry:" + data.resolve("kiln").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64");
        if (!dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException(raw.source(Setting.DB_URL) + ": only jdbc:h2: and jdbc:postgresql: URLs are supported");
        }
        // each running conversion may hold an input fetched up to the upload limit and its outputs
        Path scratch = raw.explicit(Setting.SCRATCH).map(Path::of).map(Path::toAbsolutePath).orElseGet(() ->
                ScratchLocation.defaultFor(data, 2L * jobs.workers() * http.maxUploadBytes()));
        var storage = new KilnConfig.Storage(data, scratch, dbUrl, raw.get(Setting.DB_USER), raw.get(Setting.DB_PASSWORD),
                Values.duration(raw.source(Setting.DB_WAIT), raw.get(Setting.DB_WAIT)), objects(raw));
        var security = new KilnConfig.Security(
                raw.explicit(Setting.KEYS_FILE).map(Path::of).orElse(data.resolve("keys")).toAbsolutePath(),
                raw.explicit(Setting.ALLOW_HOSTS)
                        .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                        .orElse(List.of()),
                raw.explicit(Setting.SIGNING_KEY),
                raw.explicit(Setting.WEBHOOK_SECRET),
                Values.bool(raw.source(Setting.ALLOW_ANONYMOUS), raw.get(Setting.ALLOW_ANONYMOUS)),
                Values.integer(raw.source(Setting.MAX_MISSES), raw.get(Setting.MAX_MISSES), 0, 1_000_000));
        var office = new KilnConfig.Office(
                raw.explicit(Setting.OFFICE_HOME).map(Path::of),
                raw.explicit(Setting.OFFICE_PROCESSES)
                        .map(p -> Values.integer(raw.source(Setting.OFFICE_PROCESSES), p, 0, 64)).orElse(cores),
                Values.integer(raw.source(Setting.OFFICE_MAX_TASKS), raw.get(Setting.OFFICE_MAX_TASKS), 1, 1_000_000),
                Values.duration(raw.source(Setting.OFFICE_QUEUE_TIMEOUT), raw.get(Setting.OFFICE_QUEUE_TIMEOUT)),
                Values.size(raw.source(Setting.OFFICE_MEMORY), raw.get(Setting.OFFICE_MEMORY)));
        var html = new KilnConfig.Html(
                raw.explicit(Setting.CHROMIUM).map(Path::of),
                raw.explicit(Setting.BROWSERS)
                        .map(b -> Values.integer(raw.source(Setting.BROWSERS), b, 0, 64)).orElse(Math.max(1, cores / 2)),
                Values.integer(raw.source(Setting.BROWSER_MAX_RENDERS), raw.get(Setting.BROWSER_MAX_RENDERS), 1, 1_000_000));
        var ocr = new KilnConfig.Ocr(raw.explicit(Setting.TESSERACT).map(Path::of));
        var webhooks = new KilnConfig.Webhooks(
                Values.duration(raw.source(Setting.WEBHOOK_RETRY_FIRST), raw.get(Setting.WEBHOOK_RETRY_FIRST)),
                Values.duration(raw.source(Setting.WEBHOOK_RETRY_SPAN), raw.get(Setting.WEBHOOK_RETRY_SPAN)));
        if (webhooks.retrySpan().compareTo(webhooks.retryFirst()) < 0) {
            throw new ConfigException(raw.source(Setting.WEBHOOK_RETRY_SPAN) + ": '" + raw.get(Setting.WEBHOOK_RETRY_SPAN)
                    + "' is shorter than the first retry wait " + raw.get(Setting.WEBHOOK_RETRY_FIRST));
        }
        var dialects = new KilnConfig.Dialects(
                Values.pathPrefix(raw.source(Setting.CONVERTAPI_PREFIX), raw.get(Setting.CONVERTAPI_PREFIX)),
                Values.pathPrefix(raw.source(Setting.PDFCO_PREFIX), raw.get(Setting.PDFCO_PREFIX)),
                Values.pathPrefix(raw.source(Setting.PDFREST_PREFIX), raw.get(Setting.PDFREST_PREFIX)),
                Values.duration(raw.source(Setting.CONVERTAPI_POLL_WAIT), raw.get(Setting.CONVERTAPI_POLL_WAIT)));
        return new KilnConfig(http, jobs, storage, security, office, html, ocr, webhooks, dialects,
                LogFormat.parse(raw.source(Setting.LOG_FORMAT), raw.get(Setting.LOG_FORMAT)));
    }

    /** An S3 location from --storage s3://… and its --s3-* settings; empty for the local default. */
    private static Optional<S3Location> objects(RawSettings raw) {
        Optional<String> storage = raw.explicit(Setting.STORAGE).filter(v -> !v.isBlank());
        if (storage.isEmpty()) {
            return Optional.empty();
        }
        Optional<URI> endpoint = raw.explicit(Setting.S3_ENDPOINT).filter(v -> !v.isBlank()).map(v -> {
            URI uri = URI.create(v.trim());
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new ConfigException(raw.source(Setting.S3_ENDPOINT) + ": an http(s) URL, not '" + v + "'");
            }
            return uri;
        });
        if (raw.explicit(Setting.S3_ACCESS_KEY).isPresent() != raw.explicit(Setting.S3_SECRET_KEY).isPresent()) {
            throw new ConfigException("--s3-access-key and --s3-secret-key go together");
        }
        try {
            return Optional.of(S3Location.parse(storage.get().trim(), endpoint, raw.get(Setting.S3_REGION),
                    raw.get(Setting.S3_ACCESS_KEY), raw.get(Setting.S3_SECRET_KEY)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(raw.source(Setting.STORAGE) + ": " + e.getMessage());
        }
    }

    /** One line per setting, for {@code --help}. */
    /** A size as every setting reads one ({@code 512k}, {@code 10m}, {@code 1g}), for commands beside {@code serve}. */
    public static long size(String source, String value) {
        return Values.size(source, value);
    }

    public static String help() {
        StringBuilder sb = new StringBuilder();
        for (Setting s : Setting.values()) {
            sb.append(String.format("  %-16s %-20s %s%s%n", s.flag(), s.env(), s.description(),
                    s.defaultValue().isEmpty() ? "" : " [" + s.defaultValue() + "]"));
        }
        return sb.toString();
    }
}
