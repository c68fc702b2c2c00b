package io.kiln.app;

import io.javalin.Javalin;
import io.kiln.api.AccountRoute;
import io.kiln.api.AccessLog;
import io.kiln.api.TrustedProxies;
import io.kiln.api.ApiContext;
import io.kiln.api.Auth;
import io.kiln.api.GuessLimit;
import io.kiln.api.ConvertRoute;
import io.kiln.api.DocsRoutes;
import io.kiln.api.FileRoutes;
import io.kiln.api.HttpApi;
import io.kiln.api.JobRequestReader;
import io.kiln.api.JobRoutes;
import io.kiln.api.JobView;
import io.kiln.webhook.JdbcDeliveries;
import io.kiln.webhook.WebhookSender;
import io.kiln.webhook.RetrySchedule;
import io.kiln.webhook.WebhookSettings;
import io.kiln.webhook.WebhookSigner;
import io.kiln.api.OwnLinks;
import io.kiln.observe.PrometheusMetrics;
import io.kiln.api.SignedLinks;
import io.kiln.api.SystemRoutes;
import io.kiln.auth.ApiKeys;
import io.kiln.auth.DatabaseKeys;
import io.kiln.auth.JdbcKeyStore;
import io.kiln.auth.RequestWindows;
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
import io.kiln.engine.qpdf.QpdfConverter;
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
    /** What has been started, stopped in reverse by {@link #close()} (or by a start that fails). */
    private final StartedParts opened;
    /** The parts of a server under construction, for {@link #start} to stop if the constructor fails. */
    private static final ThreadLocal<StartedParts> OPENING = ThreadLocal.withInitial(StartedParts::new);

    private Kiln(KilnConfig config, Clock clock) throws IOException {
        this.opened = OPENING.get();
        Path data = Files.createDirectories(config.storage().dataDir());
        AddressPolicy policy = allowList(config.security().allowHosts());
        ApiKeys keys = ApiKeys.load(config.security().keysFile());
        var metrics = opened.add(new PrometheusMetrics());
        try {
            database = opened.add(Database.open(config.storage().dbUrl(), config.storage().dbUser(),
                    config.storage().dbPassword(), Math.max(10, config.jobs().workers() * 2 + 4),
                    config.storage().dbWait(), metrics.registry()));
        } catch (Database.Unreachable e) {
            throw new StartFailed(e.getMessage(), e);
        }
        var databaseKeys = new DatabaseKeys(new JdbcKeyStore(database.dataSource(), clock));
        boolean noKeys = keys.isEmpty() && databaseKeys.isEmpty(); // keys in the database are keys too
        this.bind = bindAddress(config, noKeys);
        JobStore store = new JdbcJobStore(database.dataSource());
        var catalog = new JdbcFileCatalog(database.dataSource());
        var detector = new FormatDetector();
        Path scratchDir = Files.createDirectories(config.storage().scratchDir());
        // a database other nodes share: they learn of job ends, poll holds and generated secrets through it
        Optional<javax.sql.DataSource> cluster = config.storage().embedded() ? Optional.empty()
                : Optional.of(database.dataSource());
        bucket = config.storage().objects().isEmpty() ? Optional.empty()
                : Optional.of(opened.add(S3BlobStore.open(config.storage().objects().get(), scratchDir)));
        Optional<String> unreachable = bucket.flatMap(S3BlobStore::unreachableBecause);
        if (unreachable.isPresent()) { // as a database that cannot be reached stops the start
            throw new ConfigException("--storage: " + config.storage().objects().get() + " cannot be used: "
                    + unreachable.get());
        }
        BlobStore large = bucket.isPresent() ? bucket.get() : new LocalBlobStore(data.resolve("blobs"));
        var blobs = new SmallBlobsInDatabase(database.dataSource(), large, SMALL_BLOB_MAX);
        Durability durability = durability(config);
        var files = new FileService(blobs, catalog, detector::detect, clock, config.jobs().ttl(),
                config.http().maxUploadBytes(), scratchDir, durability);
        office = opened.add(config.office().processes() == 0
                ? LibreOfficePool.disabled(officeSettings(config, data), "disabled by --office-processes 0")
                : new LibreOfficePool(officeSettings(config, data)));
        var ocr = config.ocr().tesseract().map(OcrConverter::detect).orElseGet(OcrConverter::detect);
        html = opened.add(htmlRenderer(config, data, policy));
        metrics.pool(office);
        if (html instanceof ChromiumRenderer chromium) {
            metrics.pool(chromium.pool());
        }
        var registry = new ConverterRegistry(List.of(new PdfConverter(ocr.pageRecognition()), new ImageConverter(),
                new LibreOfficeConverter(office), new HtmlConverter(html), new UrlConverter(html), ocr,
                QpdfConverter.probe(QpdfConverter.DEFAULT_PROGRAM, Runtime.getRuntime().availableProcessors())));
        fetcher = opened.add(new UrlFetcher(policy));
        var urls = new FetchingUrlInputs(fetcher);
        var events = new JobEvents();
        notices = cluster.map(shared -> opened.add(new ClusterJobNotices(shared, events))).orElse(null);
        var sql = new Sql(database.dataSource());
        UnitOfWork unitOfWork = work -> sql.atomically(() -> {
            work.run();
            return null;
        });
        var runner = new JobRunner(store, files, registry, urls, detector::detect, events, unitOfWork, durability, clock,
                config.jobs(), scratchDir, metrics);
        workers = opened.add(new Workers(store, runner, clock, config.jobs().workers(), config.jobs().lease(),
                UUID.randomUUID().toString()));
        var credits = new CreditAccounts(database.dataSource());
        jobs = new JobService(store, files, registry, urls, events, workers, credits, unitOfWork,
                durability, clock, config.jobs());
        metrics.bind(() -> jobs);
        var deliveries = new JdbcDeliveries(database.dataSource());
        sweeper = new Sweeper(store, catalog, files, events, clock,
                job -> deliveries.deleteForJob(job.tenant(), job.id()));
        reaper = new LeaseReaper(store, events, workers, clock, config.jobs().ttl(), job -> job.from() != null
                && registry.find(job.from(), job.to()).map(m -> m.converter().runsInServerProcess()).orElse(false),
                durability);

        var links = new SignedLinks(ServerSecret.load(config.security().signingKey(), data, "signing.key", ServerSecret.Form.HEX,
                cluster));
        var view = new JobView(links, deliveries);
        jobs.onRemoval(job -> deliveries.deleteForJob(job.tenant(), job.id()));
        var tenants = new KeyTenants(keys, databaseKeys, credits, new RequestWindows(database.dataSource(), clock));
        var api = new ApiContext(jobs, new Auth(tenants), view, new JobRequestReader(files, new OwnLinks(links, files, clock)),
                links, clock, config.http().maxWait(), config.http().publicUrl(), config.jobs().syncTaskTimeout(),
                trustedProxies(config.http().trustedProxies()));
        var pdfCo = new PdfCoRoutes(api, config.dialects().pdfCoPrefix(), config.http().maxWait());
        var pdfRest = new PdfRestRoutes(api, config.dialects().pdfRestPrefix(),
                !config.dialects().pdfRestPrefix().equals(config.dialects().convertApiPrefix()));
        var convertApi = new ConvertApiRoutes(api, registry::optionNames, config.dialects().convertApiPrefix(),
                config.dialects().convertApiPollWait(), cluster.<PollHolds>map(shared ->
                        new JdbcPollHolds(shared, clock)).orElseGet(PollHolds::inProcess));
        http = HttpApi.create(config.http().maxUploadBytes(), UploadSpool.fresh(data.resolve("uploads")),
                config.http().maxWait().plusMinutes(2).toMillis(), List.of(
                        new JobRoutes(api)::register, new ConvertRoute(api)::register, new FileRoutes(api)::register, new AccountRoute(api)::register,
                        new SystemRoutes(registry, database::isHealthy,
                                bucket.map(b -> (java.util.function.BooleanSupplier) b::isReachable),
                                jobs::isStopping, metrics)::register,
                        new DocsRoutes()::register, pdfCo::register, pdfRest::register, convertApi::register),
                List.of(convertApi.errorShape(), pdfCo.errorShape(), pdfRest.errorShape()),
                new GuessLimit(config.security().maxMissesPerMinute(), tenants), new AccessLog(metrics));
        var signer = webhookSigner(ServerSecret.load(config.security().webhookSecret(), data, "webhook.key",
                ServerSecret.Form.WHSEC, cluster));
        java.util.function.Supplier<String> base = () -> config.http().publicUrl()
                .orElseGet(() -> "http://" + bind + ":" + port());
        webhooks = opened.add(new WebhookSender(deliveries, store, new WebhookBodies(view, base,
                job -> pdfCo.callbackBody(job, base.get())), signer, policy,
                WebhookSettings.DEFAULTS.withSchedule(RetrySchedule.exponential(
                        config.webhooks().retryFirst(), config.webhooks().retrySpan())), clock, metrics,
                durability));
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
        opened.add(() -> housekeeping.shutdownNow());
        if (config.storage().embedded()) {
            runner.clearScratch(); // left by a run that died mid-conversion (kill -9, power loss)
            reaper.reapAllWorking();
        }
        if (noKeys) {
            LOG.warn(config.security().allowAnonymous()
                            ? "no API keys configured ({} or the database): --allow-anonymous, so anyone who reaches Kiln is its open tenant"
                            : "no API keys configured ({} or the database): listening on loopback only; add one with ./kiln keys add",
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

    /**
     * Builds and starts a server from {@code config}: HTTP first, so that nothing (a worker, a webhook
     * naming the server's address) runs on a node that is not serving, then the workers, the webhook
     * sender and housekeeping. Whatever fails, what was started is stopped again before the failure
     * is thrown, so a failed start never leaves a half-running process.
     *
     * @throws ConfigException for a setting that cannot work
     * @throws StartFailed when the port cannot be bound or the database cannot be reached
     */
    public static Kiln start(KilnConfig config, Clock clock) throws IOException {
        Kiln kiln;
        try {
            kiln = new Kiln(config, clock);
        } catch (IOException | RuntimeException | Error e) {
            OPENING.get().closeAll(); // what the constructor opened before it failed
            throw e;
        } finally {
            OPENING.remove();
        }
        try {
            kiln.listen(config);
            kiln.workers.start();
            kiln.webhooks.start();
            kiln.housekeeping.scheduleWithFixedDelay(kiln::housekeep, HOUSEKEEPING_EVERY.toMillis(),
                    HOUSEKEEPING_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            // a dead node's jobs are taken over soon after its lease runs out, not at the next housekeeping
            long reapEvery = reapInterval(config.jobs().lease()).toMillis();
            kiln.housekeeping.scheduleWithFixedDelay(kiln::reapExpiredLeases, reapEvery, reapEvery, TimeUnit.MILLISECONDS);
        } catch (RuntimeException | Error e) {
            kiln.close();
            throw e;
        }
        // the time since the JVM began says how long a restart keeps a node away (docs/reliability.md)
        LOG.info("Kiln listening on http://{}:{} (data: {}, scratch: {}), {} ms after the JVM started", kiln.bind, kiln.port(),
                config.storage().dataDir(), config.storage().scratchDir(),
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        return kiln;
    }

    /** A tenth of the lease, between a second and the housekeeping interval. */
    static Duration reapInterval(Duration lease) {
        Duration tenth = lease.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : tenth.compareTo(HOUSEKEEPING_EVERY) > 0 ? HOUSEKEEPING_EVERY : tenth;
    }

    /** Binds the HTTP port; a port that cannot be had is a failed start with one line saying why. */
    private void listen(KilnConfig config) {
        try {
            http.start(bind, config.http().port());
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new StartFailed("cannot listen on " + bind + ":" + config.http().port() + ": " + root.getMessage(), e);
        }
        // a connection waiting on a long-poll is not idle: let it outlive the longest wait
        for (var connector : http.jettyServer().server().getConnectors()) {
            if (connector instanceof org.eclipse.jetty.server.AbstractConnector c) {
                c.setIdleTimeout(config.http().maxWait().plusSeconds(30).toMillis());
            }
        }
        opened.add(http::stop);
    }

    private void reapExpiredLeases() {
        try {
            reaper.reapExpired();
        } catch (RuntimeException e) {
            LOG.warn("could not look for jobs of stopped workers: {}", e.getMessage());
        }
    }

    private void housekeep() {
        try {
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
                config.jobs().taskTimeout(), o.queueTimeout(), defaults.workDir(), defaults.firstPort(),
                o.memoryLimitBytes());
    }

    private static TrustedProxies trustedProxies(List<String> entries) {
        try {
            return TrustedProxies.parse(entries);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--trusted-proxies: " + e.getMessage());
        }
    }

    private static AddressPolicy allowList(List<String> hosts) {
        try {
            return AddressPolicy.parse(String.join(",", hosts));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--allow-hosts: " + e.getMessage());
        }
    }

    /**
     * The address to listen on. Without keys, a public address or a database other nodes share
     * (where a node without the keys file would serve anyone as the open tenant, hiding a broken
     * deployment) needs {@code --allow-anonymous}: never a silent fallback.
     */
    private static String bindAddress(KilnConfig config, boolean noKeys) {
        String configured = config.http().bind();
        String bind = configured.isEmpty() ? "127.0.0.1" : configured;
        if (noKeys && !config.security().allowAnonymous()) {
            if (!isLoopback(bind)) {
                throw new ConfigException("--bind " + bind + " without API keys would serve anyone: create keys with "
                        + "./kiln keys add (the database) or ./kiln keys create (" + config.security().keysFile()
                        + "), or pass --allow-anonymous");
            }
            if (!config.storage().embedded()) {
                throw new ConfigException("no API keys (" + config.security().keysFile() + ") on a node sharing its "
                        + "database: add keys to the database with ./kiln keys add --db-url …, or pass --allow-anonymous");
            }
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

    /**
     * A clean stop (SIGTERM): {@code /ready} turns 503 and new jobs are refused in each dialect's
     * shape; the engines start no process again (one the signal killed stays dead, its job handed
     * back); running jobs may finish within {@code drain} while HTTP still answers for them; then
     * {@link #close()} hands back the rest and stops everything.
     */
    public void stop(Duration drain) {
        jobs.stopAccepting();
        office.quiesce();
        if (html instanceof ChromiumRenderer chromium) {
            chromium.pool().quiesce();
        }
        int left = workers.drain(drain);
        if (left > 0) {
            LOG.info("stopping: {} jobs still running after {} s are handed back to the queue", left, drain.toSeconds());
        }
        close();
    }

    /** Stops everything that was started, the last started first (HTTP, housekeeping, workers, … the database). */
    @Override
    public void close() {
        jobs.stopAccepting();
        opened.closeAll();
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
