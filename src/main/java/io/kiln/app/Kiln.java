package io.kiln.app;

import io.javalin.Javalin;
import io.kiln.api.AccountRoute;
import io.kiln.api.ApiContext;
import io.kiln.api.Auth;
import io.kiln.api.ConvertRoute;
import io.kiln.api.DocsRoutes;
import io.kiln.api.FileRoutes;
import io.kiln.api.HttpApi;
import io.kiln.api.JobRequestReader;
import io.kiln.api.JobRoutes;
import io.kiln.api.JobView;
import io.kiln.webhook.JdbcDeliveries;
import io.kiln.webhook.WebhookMetrics;
import io.kiln.webhook.WebhookSender;
import io.kiln.webhook.RetrySchedule;
import io.kiln.webhook.WebhookSettings;
import io.kiln.webhook.WebhookSigner;
import io.kiln.api.OwnLinks;
import io.kiln.api.PrometheusMetrics;
import io.kiln.api.SignedLinks;
import io.kiln.api.SystemRoutes;
import io.kiln.auth.ApiKeys;
import io.kiln.config.ConfigException;
import io.kiln.config.KilnConfig;
import io.kiln.db.Database;
import io.kiln.db.GroupCommit;
import io.kiln.db.Sql;
import io.kiln.dialect.convertapi.ConvertApiRoutes;
import io.kiln.dialect.pdfco.PdfCoRoutes;
import io.kiln.dialect.pdfrest.PdfRestRoutes;
import io.kiln.engine.ConverterRegistry;
import io.kiln.engine.FormatDetector;
import io.kiln.engine.image.ImageConverter;
import io.kiln.engine.libreoffice.LibreOfficeConverter;
import io.kiln.engine.ocr.OcrConverter;
import io.kiln.engine.html.HtmlConverter;
import io.kiln.engine.html.HtmlRenderer;
import io.kiln.engine.html.OpenHtmlRenderer;
import io.kiln.engine.html.UrlConverter;
import io.kiln.engine.html.chromium.ChromiumInstallation;
import io.kiln.engine.html.chromium.ChromiumRenderer;
import io.kiln.engine.html.chromium.ChromiumSettings;
import io.kiln.engine.libreoffice.LibreOfficePool;
import io.kiln.engine.libreoffice.LibreOfficeSettings;
import io.kiln.engine.pdf.PdfConverter;
import io.kiln.fetch.AddressPolicy;
import io.kiln.fetch.UrlFetcher;
import io.kiln.job.CreditAccounts;
import io.kiln.job.FileService;
import io.kiln.job.JdbcJobStore;
import io.kiln.job.ClusterJobNotices;
import io.kiln.job.JdbcPollHolds;
import io.kiln.job.JobEvents;
import io.kiln.job.PollHolds;
import io.kiln.job.JobRunner;
import io.kiln.job.JobService;
import io.kiln.job.JobStore;
import io.kiln.job.LeaseReaper;
import io.kiln.job.Sweeper;
import io.kiln.job.Durability;
import io.kiln.job.UnitOfWork;
import io.kiln.job.Workers;
import io.kiln.storage.JdbcFileCatalog;
import io.kiln.storage.BlobStore;
import io.kiln.storage.LocalBlobStore;
import io.kiln.storage.S3BlobStore;
import io.kiln.storage.SmallBlobsInDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: wires every part from the configuration, starts them, and stops them in order. */
public final class Kiln implements AutoCloseable {

    private static WebhookSigner webhookSigner(byte[] secret) {
        try {
            return new WebhookSigner(secret);
        } catch (IllegalArgumentException tooShort) {
            throw new ConfigException("--webhook-secret: " + tooShort.getMessage());
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Kiln.class);
    static final Duration HOUSEKEEPING_EVERY = Duration.ofSeconds(15);
    /** Stored files up to this size are rows of the database rather than files on disk. */
    static final int SMALL_BLOB_MAX = 256 * 1024;

    private final Database database;
    /** Job ends told to and heard from other nodes, or null with an embedded database. */
    private final ClusterJobNotices notices;
    /** The S3 bucket stored files live in; empty when they live under the data directory. */
    private final Optional<S3BlobStore> bucket;
    private final WebhookSender webhooks;
    private final JdbcDeliveries deliveries;
    private final Duration ttl;
    private final Clock clock;
    private final LibreOfficePool office;
    private final HtmlRenderer html;
    private final UrlFetcher fetcher;
    private final Workers workers;
    private final JobService jobs;
    private final Sweeper sweeper;
    private final LeaseReaper reaper;
    private final ScheduledExecutorService housekeeping;
    private final Javalin http;
    private final String bind;
    private final Path scratch;

    private Kiln(KilnConfig config, Clock clock) throws IOException {
        Path data = Files.createDirectories(config.storage().dataDir());
        AddressPolicy policy = allowList(config.security().allowHosts());
        ApiKeys keys = ApiKeys.load(config.security().keysFile());
        this.bind = bindAddress(config.http().bind(), keys.isEmpty());
        database = Database.open(config.storage().dbUrl(), config.storage().dbUser(), config.storage().dbPassword(),
                Math.max(10, config.jobs().workers() * 2 + 4));
        JobStore store = new JdbcJobStore(database.dataSource());
        var catalog = new JdbcFileCatalog(database.dataSource());
        var detector = new FormatDetector();
        Path scratchDir = Files.createDirectories(config.storage().scratchDir());
        // a database other nodes share: they learn of job ends, poll holds and generated secrets through it
        Optional<javax.sql.DataSource> cluster = config.storage().embedded() ? Optional.empty()
                : Optional.of(database.dataSource());
        bucket = config.storage().objects().isEmpty() ? Optional.empty()
                : Optional.of(S3BlobStore.open(config.storage().objects().get(), scratchDir));
        Optional<String> unreachable = bucket.flatMap(S3BlobStore::unreachableBecause);
        if (unreachable.isPresent()) { // as a database that cannot be reached stops the start
            bucket.get().close();
            database.close();
            throw new ConfigException("--storage: " + config.storage().objects().get() + " cannot be used: "
                    + unreachable.get());
        }
        BlobStore large = bucket.isPresent() ? bucket.get() : new LocalBlobStore(data.resolve("blobs"));
        var blobs = new SmallBlobsInDatabase(database.dataSource(), large, SMALL_BLOB_MAX);
        var files = new FileService(blobs, catalog, detector::detect, clock, config.jobs().ttl(),
                config.http().maxUploadBytes(), scratchDir);
        office = config.office().processes() == 0
                ? LibreOfficePool.disabled(officeSettings(config, data), "disabled by --office-processes 0")
                : new LibreOfficePool(officeSettings(config, data));
        var ocr = config.ocr().tesseract().map(OcrConverter::detect).orElseGet(OcrConverter::detect);
        html = htmlRenderer(config, data, policy);
        var registry = new ConverterRegistry(List.of(new PdfConverter(), new ImageConverter(),
                new LibreOfficeConverter(office), new HtmlConverter(html), new UrlConverter(html), ocr));
        fetcher = new UrlFetcher(policy);
        var urls = new FetchingUrlInputs(fetcher);
        var events = new JobEvents();
        notices = cluster.map(shared -> new ClusterJobNotices(shared, events)).orElse(null);
        var metrics = new PrometheusMetrics();
        var sql = new Sql(database.dataSource());
        UnitOfWork unitOfWork = work -> sql.atomically(() -> {
            work.run();
            return null;
        });
        var runner = new JobRunner(store, files, registry, urls, detector::detect, events, unitOfWork, clock, config.jobs(),
                scratchDir, metrics);
        workers = new Workers(store, runner, clock, config.jobs().workers(), config.jobs().lease(),
                UUID.randomUUID().toString());
        var credits = new CreditAccounts(database.dataSource());
        jobs = new JobService(store, files, registry, urls, events, workers, credits, unitOfWork,
                durability(config), clock, config.jobs());
        metrics.bind(() -> jobs);
        var deliveries = new JdbcDeliveries(database.dataSource());
        sweeper = new Sweeper(store, catalog, files, events, clock,
                job -> deliveries.deleteForJob(job.tenant(), job.id()));
        reaper = new LeaseReaper(store, events, workers, clock, config.jobs().ttl());

        var links = new SignedLinks(ServerSecret.load(config.security().signingKey(), data, "signing.key", ServerSecret.Form.HEX,
                cluster));
        var view = new JobView(links, deliveries);
        jobs.onRemoval(job -> deliveries.deleteForJob(job.tenant(), job.id()));
        var api = new ApiContext(jobs, new Auth(new KeyTenants(keys, credits)), view, new JobRequestReader(files, new OwnLinks(links, files, clock)),
                links, clock, config.http().maxWait(), config.http().publicUrl());
        var pdfCo = new PdfCoRoutes(api, config.dialects().pdfCoPrefix(), config.http().maxWait());
        http = HttpApi.create(config.http().maxUploadBytes(), UploadSpool.fresh(data.resolve("uploads")),
                config.http().maxWait().plusMinutes(2).toMillis(), List.of(
                        new JobRoutes(api)::register, new ConvertRoute(api)::register, new FileRoutes(api)::register, new AccountRoute(api)::register,
                        new SystemRoutes(registry, () -> database.isHealthy()
                                && bucket.map(S3BlobStore::isReachable).orElse(true), metrics)::register,
                        new DocsRoutes()::register, pdfCo::register, new PdfRestRoutes(api, config.dialects().pdfRestPrefix())::register,
                        new ConvertApiRoutes(api, registry::optionNames, config.dialects().convertApiPrefix(),
                                config.dialects().convertApiPollWait(), cluster.<PollHolds>map(shared ->
                                        new JdbcPollHolds(shared, clock)).orElseGet(PollHolds::inProcess))::register));
        var signer = webhookSigner(ServerSecret.load(config.security().webhookSecret(), data, "webhook.key",
                ServerSecret.Form.WHSEC, cluster));
        java.util.function.Supplier<String> base = () -> config.http().publicUrl()
                .orElseGet(() -> "http://" + bind + ":" + port());
        webhooks = new WebhookSender(deliveries, store, new WebhookBodies(view, base,
                job -> pdfCo.callbackBody(job, base.get())), signer, policy,
                WebhookSettings.DEFAULTS.withSchedule(RetrySchedule.exponential(
                        config.webhooks().retryFirst(), config.webhooks().retrySpan())), clock, WebhookMetrics.NONE);
        events.onEnd(job -> {
            if (job.webhook() != null) { // most jobs have none: spare the sender a look at the outbox
                webhooks.wake();
            }
        });
        this.deliveries = deliveries;
        this.ttl = config.jobs().ttl();
        this.scratch = config.storage().scratchDir();
        this.clock = clock;
        housekeeping = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("kiln-housekeeping").factory());
        if (config.storage().embedded()) {
            runner.clearScratch(); // left by a run that died mid-conversion (kill -9, power loss)
            reaper.reapAllWorking();
        }
        if (keys.isEmpty()) {
            LOG.warn("no API keys configured ({}): listening on loopback only; create one with ./kiln keys create",
                    config.security().keysFile());
        }
    }

    /** Embedded H2 writes commits in the background: an accepted job waits for a (shared) checkpoint. */
    private Durability durability(KilnConfig config) {
        if (!config.storage().embedded()) {
            return Durability.COMMITS_ARE_DURABLE;
        }
        var groupCommit = new GroupCommit(database.dataSource());
        return groupCommit::await;
    }

    /** Builds and starts a server from {@code config}. */
    public static Kiln start(KilnConfig config, Clock clock) throws IOException {
        Kiln kiln = new Kiln(config, clock);
        kiln.workers.start();
        kiln.webhooks.start();
        kiln.housekeeping.scheduleWithFixedDelay(kiln::housekeep, HOUSEKEEPING_EVERY.toMillis(),
                HOUSEKEEPING_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        kiln.http.start(kiln.bind, config.http().port());
        // a connection waiting on a long-poll is not idle: let it outlive the longest wait
        for (var connector : kiln.http.jettyServer().server().getConnectors()) {
            if (connector instanceof org.eclipse.jetty.server.AbstractConnector c) {
                c.setIdleTimeout(config.http().maxWait().plusSeconds(30).toMillis());
            }
        }
        LOG.info("Kiln listening on http://{}:{} (data: {}, scratch: {})", kiln.bind, kiln.port(), config.storage().dataDir(),
                config.storage().scratchDir());
        return kiln;
    }

    private void housekeep() {
        try {
            reaper.reapExpired();
            sweeper.sweepOnce();
            deliveries.deleteDeliveredOlderThan(clock.instant().minus(ttl));
        } catch (RuntimeException e) {
            LOG.error("housekeeping failed", e);
        }
    }

    /** Chromium when browsers are wanted and it is installed, else the pure-Java renderer (no url → pdf). */
    private static HtmlRenderer htmlRenderer(KilnConfig config, Path data, AddressPolicy policy) {
        var h = config.html();
        if (h.browsers() == 0) {
            return new OpenHtmlRenderer();
        }
        Optional<Path> chromium = h.chromium().or(ChromiumInstallation::find);
        if (chromium.isEmpty()) {
            LOG.warn("Chromium not found: html and md are printed by the pure-Java renderer, url → pdf is off");
            return new OpenHtmlRenderer();
        }
        var settings = ChromiumSettings.defaults(chromium.get(), data)
                .withBrowsers(h.browsers()).withMaxRendersPerBrowser(h.maxRendersPerBrowser());
        return ChromiumRenderer.start(settings, policy);
    }

    private static LibreOfficeSettings officeSettings(KilnConfig config, Path data) {
        var o = config.office();
        LibreOfficeSettings defaults = LibreOfficeSettings.defaults(data);
        return new LibreOfficeSettings(o.home().orElse(defaults.officeHome()), Math.max(1, o.processes()),
                o.maxTasksPerProcess(),
                config.jobs().taskTimeout(), o.queueTimeout(), defaults.workDir(), defaults.firstPort());
    }

    private static AddressPolicy allowList(List<String> hosts) {
        try {
            return AddressPolicy.parse(String.join(",", hosts));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--allow-hosts: " + e.getMessage());
        }
    }

    private static String bindAddress(String configured, boolean noKeys) {
        String bind = configured.isEmpty() ? "127.0.0.1" : configured;
        if (noKeys && !isLoopback(bind)) {
            LOG.warn("--bind {} ignored: without API keys Kiln listens on loopback only", bind);
            return "127.0.0.1";
        }
        return bind;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            throw new ConfigException("--bind: cannot resolve '" + host + "'");
        }
    }

    public int port() {
        return http.port();
    }

    public JobService jobs() {
        return jobs;
    }

    public Sweeper sweeper() {
        return sweeper;
    }

    public LeaseReaper reaper() {
        return reaper;
    }

    @Override
    public void close() {
        http.stop();
        housekeeping.shutdownNow();
        workers.close();
        webhooks.close();
        office.close();
        html.close();
        fetcher.close();
        if (notices != null) {
            notices.close();
        }
        database.close();
        bucket.ifPresent(S3BlobStore::close);
        try {
            Files.deleteIfExists(scratch); // only when empty: a directory in shared memory is not left behind
        } catch (IOException e) {
            // work of a conversion that did not stop in time: cleared at the next start
        }
    }

    /** Where conversions in progress keep their files. */
    public Path scratch() {
        return scratch;
    }
}
