package io.kiln.config;

import java.util.Locale;

/**
 * Every configurable setting, with its default. The flag is {@code --name}; the environment twin
 * is {@code KILN_} + the name upper-cased with dashes as underscores.
 */
public enum Setting {
    PORT("port", "8080", "HTTP port (0 picks a free one)"),
    BIND("bind", "", "address to listen on (default 127.0.0.1; 0.0.0.0 needs API keys or --allow-anonymous)"),
    DATA("data", "./data", "data directory: database, stored files, keys"),
    SCRATCH("scratch", "", "directory for conversions in progress (default: under /dev/shm when it has room, else <data>/work)"),
    DB_URL("db-url", "", "JDBC URL (default: embedded H2 file under the data directory)"),
    DB_USER("db-user", "", "database user"),
    DB_PASSWORD("db-password", "", "database password"),
    DB_WAIT("db-wait", "30s", "how long a starting node waits for its database to become reachable"),
    STORAGE("storage", "", "where stored files live: s3://bucket[/prefix] in S3-compatible storage a cluster shares (default: <data>/blobs)"),
    S3_ENDPOINT("s3-endpoint", "", "address of a self-hosted S3 server, e.g. http://minio:9000 (default: AWS)"),
    S3_REGION("s3-region", "us-east-1", "S3 signing region"),
    S3_ACCESS_KEY("s3-access-key", "", "S3 access key (default: the AWS SDK's credential chain)"),
    S3_SECRET_KEY("s3-secret-key", "", "S3 secret key"),
    KEYS_FILE("keys-file", "", "API keys file (default <data>/keys)"),
    ALLOW_ANONYMOUS("allow-anonymous", "false", "serve without API keys on a public address or a shared database: anyone who reaches Kiln is its open tenant"),
    JOB_TTL("job-ttl", "2h", "how long jobs and their files live after they end"),
    WORKERS("workers", "", "conversions run at once (default: number of cores)"),
    MAX_QUEUE("max-queue", "10000", "queued jobs accepted before answering 429"),
    MAX_UPLOAD("max-upload", "1g", "largest accepted upload or fetched URL"),
    TASK_TIMEOUT("task-timeout", "15m", "time limit of one conversion run as a job (polled, long-polled or called back): long enough for a big document on a cold office process"),
    SYNC_TASK_TIMEOUT("sync-task-timeout", "120s", "time limit of a conversion whose caller waits on the line for it (/v1/convert, the vendors' synchronous routes)"),
    MAX_PAGES("max-pages", "10000", "most pages a source document may have"),
    MAX_WAIT("max-wait", "60s", "longest long-poll or Prefer: wait"),
    MAX_MISSES("max-misses", "600", "requests for ids that do not exist one client (key, or address without one) may make a minute before it is answered 429 (0: no limit)"),
    ALLOW_HOSTS("allow-hosts", "", "hosts, addresses or CIDR ranges URL inputs may reach despite the SSRF rules"),
    SIGNING_KEY("signing-key", "", "secret for signed download links (default: generated under <data>)"),
    WEBHOOK_SECRET("webhook-secret", "", "secret native webhooks are signed with, whsec_ + base64 or any text (default: generated in <data>/webhook.key)"),
    WEBHOOK_RETRY_FIRST("webhook-retry-first", "5s", "wait before a failed webhook's first retry; later waits double"),
    WEBHOOK_RETRY_SPAN("webhook-retry-span", "24h", "time from a webhook's first attempt to its last"),
    CONVERTAPI_PREFIX("convertapi-prefix", "", "path the ConvertAPI dialect is served under, e.g. /convertapi (default: the root)"),
    PDFCO_PREFIX("pdfco-prefix", "", "path the PDF.co dialect is served under (default: the root)"),
    PDFREST_PREFIX("pdfrest-prefix", "", "path the pdfRest dialect is served under (default: the root)"),
    CONVERTAPI_POLL_WAIT("convertapi-poll-wait", "5s", "how long ConvertAPI's GET /job/{id} holds a poll of an unfinished job"),
    PUBLIC_URL("public-url", "", "base URL used in links (default: from the request)"),
    TRUSTED_PROXIES("trusted-proxies", "", "addresses or CIDR ranges of reverse proxies whose X-Forwarded-Proto and X-Forwarded-Host links follow (default: none, the headers are ignored)"),
    DRAIN_TIMEOUT("drain-timeout", "30s", "on SIGTERM, how long running jobs may finish before the rest are handed back to the queue (new jobs are refused meanwhile)"),
    LEASE("lease", "30s", "how long a worker's claim on a job lasts without a heartbeat"),
    CREDITS_PER_PAGE("credits-per-page", "1", "credits a conversion costs per output page"),
    CREDITS_PER_FILE("credits-per-file", "1", "credits per output file that has no pages"),
    OFFICE_HOME("office-home", "", "LibreOffice installation directory (default: found under /usr/lib, /opt)"),
    OFFICE_PROCESSES("office-processes", "", "warm LibreOffice processes (default: number of cores; 0 turns the engine off)"),
    OFFICE_MAX_TASKS("office-max-tasks", "200", "conversions an office process runs before it is replaced"),
    OFFICE_MEMORY("office-memory", "4g", "address space each LibreOffice process may use; a document that needs more fails instead of exhausting the machine"),
    OFFICE_QUEUE_TIMEOUT("office-queue-timeout", "60s", "how long a conversion waits for a free office process"),
    CHROMIUM("chromium", "", "Chromium executable for html, md and url → pdf (default: chromium on the PATH)"),
    BROWSERS("browsers", "", "warm Chromium browsers (default: one per two cores; 0 uses the pure-Java renderer and turns url → pdf off)"),
    BROWSER_MAX_RENDERS("browser-max-renders", "200", "pages a browser prints before it is replaced"),
    TESSERACT("tesseract", "", "tesseract executable for OCR (default: tesseract on the PATH; absent turns OCR off)"),
    LOG_FORMAT("log-format", "text", "log lines as text or json (one object a line, for log collectors)");

    private final String flag;
    private final String defaultValue;
    private final String description;

    Setting(String flag, String defaultValue, String description) {
        this.flag = flag;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String flag() {
        return "--" + flag;
    }

    public String env() {
        return "KILN_" + flag.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** A yes/no setting, which a flag alone turns on ({@code --allow-anonymous}). */
    public boolean isSwitch() {
        return defaultValue.equals("false");
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
