package io.kiln.job;

import io.kiln.config.KilnConfig;
import io.kiln.engine.ConversionTask;
import io.kiln.engine.ConverterRegistry;
import io.kiln.engine.Options;
import io.kiln.engine.ProducedFile;
import io.kiln.error.ErrorCode;
import io.kiln.error.KilnException;
import io.kiln.error.Outages;
import io.kiln.error.ServiceUnavailable;
import java.util.Optional;
import io.kiln.storage.StoredFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed job: gathers its inputs as local files, picks the converter, converts under the
 * time limit while renewing the lease, stores the outputs and publishes the end state. Publishing is
 * a versioned update, so a worker that lost its job (deleted, or re-queued after its lease ran out)
 * cannot overwrite the result.
 */
public final class JobRunner {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final JobStore store;
    private final FileService files;
    private final ConverterRegistry registry;
    private final UrlInputs urls;
    private final FormatSniffer sniffer;
    private final JobEvents events;
    private final ConversionClock timer;
    private final Clock clock;
    private final KilnConfig.Jobs settings;
    private final Path scratch;
    private final long maxInputBytes;
    private final JobMetrics metrics;
    private final UnitOfWork unitOfWork;
    private final Durability durability;

    /** @param durability makes a job's end survive a crash before anyone waiting hears of it */
    public JobRunner(JobStore store, FileService files, ConverterRegistry registry, UrlInputs urls,
                     FormatSniffer sniffer, JobEvents events, UnitOfWork unitOfWork, Durability durability, Clock clock,
                     KilnConfig.Jobs settings, Path scratch, JobMetrics metrics) {
        this.unitOfWork = unitOfWork;
        this.durability = durability;
        this.store = store;
        this.files = files;
        this.registry = registry;
        this.urls = urls;
        this.sniffer = sniffer;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
        this.scratch = scratch;
        this.maxInputBytes = files.maxUploadBytes();
        this.metrics = metrics;
        this.timer = new ConversionClock(store, clock, settings.lease());
    }

    /** Converts a claimed job and publishes its end; a cancel stops it without publishing anything. */
    public void run(Job claimed, Cancellation cancellation) {
        Lease lease = new Lease(claimed);
        // a cheap random suffix (not a UUID: a secure random number per job): a job re-queued while an
        // earlier run of it has not cleaned up yet still gets a directory of its own
        Path work = scratch.resolve(claimed.id() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        String from = claimed.from();
        JobLog.running(claimed, requestIdOf(claimed));
        try {
            // createDirectory, not createDirectories: scratch exists, and the exception that finding it
            // costs createDirectories showed in profiles of small jobs
            try {
                Files.createDirectory(work);
            } catch (NoSuchFileException scratchGone) {
                Files.createDirectories(work);
            }
            Files.createDirectory(work.resolve("out"));
            List<String> names = new ArrayList<>();
            List<Path> inputs = gather(claimed, work, names, cancellation);
            if (from == null) {
                from = sniffer.detect(inputs.getFirst(), inputs.getFirst().getFileName().toString())
                        .orElseThrow(() -> new io.kiln.error.ConversionFailed(ErrorCode.UNSUPPORTED_FORMAT,
                                "the fetched document is of no format Kiln knows"));
            }
            String source = from;
            var match = registry.find(from, claimed.to()).orElseThrow(() -> new io.kiln.error.ConversionFailed(
                    ErrorCode.UNSUPPORTED_CONVERSION, "cannot convert " + source + " to " + claimed.to()));
            ConverterRegistry.validate(match.capability(), claimed.options());
            // a warming engine takes the task and waits for its resource (within its queue allowance)
            if (match.converter().availability().state() == io.kiln.engine.Availability.State.UNAVAILABLE) {
                throw new io.kiln.error.ConversionFailed(ErrorCode.ENGINE_UNAVAILABLE,
                        "the " + match.converter().engine() + " engine is not available: "
                                + match.converter().availability().detail());
            }
            // a client may shorten the operator's limit, never lengthen it: workers are shared
            Duration timeout = claimed.options().containsKey("timeout")
                    ? min(Duration.ofSeconds(Long.parseLong(claimed.options().get("timeout").trim())), settings.taskTimeout())
                    : settings.taskTimeout();
            ConversionTask task = new ConversionTask(from, claimed.to(), inputs, engineOptions(claimed.options()),
                    work.resolve("out"), baseName(claimed, names), timeout, settings.maxPages(), names,
                    claimed.tenant());
            long started = System.nanoTime();
            cancellation.check();
            List<ProducedFile> produced;
            boolean converted = false;
            try {
                produced = timer.run(match.converter(), task, lease, cancellation);
                converted = true;
            } finally {
                metrics.converted(match.converter().engine(), claimed.to(), converted,
                        Duration.ofNanos(System.nanoTime() - started));
            }
            finish(lease, from, put(lease.job(), produced), null);
        } catch (ServiceUnavailable e) {
            giveBack(lease, e);
            throw e;
        } catch (KilnException e) {
            giveBackIfOutage(lease, e); // the document is not at fault: a disk that filled while converting
            finish(lease, from, List.of(), new JobError(e.code(), e.getMessage()));
        } catch (TimeoutException e) {
            finish(lease, from, List.of(), new JobError(ErrorCode.TIMEOUT, e.getMessage()));
        } catch (InterruptedException e) {
            // deleted (the row is gone) or shutting down (the lease reaper re-queues it): publish nothing
            LOG.info("job {} interrupted", claimed.key());
        } catch (StaleJobException e) {
            LOG.info("job {} changed while converting; result dropped", claimed.key());
        } catch (Exception e) {
            giveBackIfOutage(lease, e);
            LOG.error("job {} failed unexpectedly", claimed.key(), e);
            finish(lease, from, List.of(), new JobError(ErrorCode.ENGINE_FAILED,
                    "the conversion failed unexpectedly"));
        } catch (OutOfMemoryError | StackOverflowError e) {
            // an in-process engine that a document drove past the heap or the stack: the job fails, the
            // server (and every other job on it) goes on
            LOG.error("job {} exhausted the server's {}", claimed.key(),
                    e instanceof OutOfMemoryError ? "memory" : "stack");
            finish(lease, from, List.of(), new JobError(ErrorCode.ENGINE_FAILED, "the document needs more "
                    + (e instanceof OutOfMemoryError ? "memory" : "nesting depth") + " than this server allows"));
        } finally {
            deleteTree(work);
            JobLog.left();
        }
    }

    /** The id of the request that created the job; a database that cannot say it costs only the log field. */
    private String requestIdOf(Job job) {
        try {
            return store.requestId(job.tenant(), job.id()).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** When {@code failure} is an outage, gives the job back and throws the outage; otherwise returns. */
    private void giveBackIfOutage(Lease lease, Exception failure) {
        Optional<ServiceUnavailable> outage = Outages.of(failure);
        if (outage.isPresent()) {
            giveBack(lease, outage.get());
            throw outage.get();
        }
    }

    /**
     * Puts a job whose run met an outage (the database or storage gone, a full disk) back in the
     * queue without counting the run, so it runs again once the outage is over; if even that cannot
     * be written, its lease lapses and the reaper does it.
     */
    private void giveBack(Lease lease, ServiceUnavailable outage) {
        LOG.warn("job {} put back in the queue: {}", lease.job().key(), outage.getMessage());
        try {
            store.update(lease.job().givenBack());
        } catch (RuntimeException stillDown) {
            // the reaper re-queues it when its lease runs out
        }
    }

    /** Local files of the job's inputs, in order; adds the name each was given to {@code names}. */
    private List<Path> gather(Job job, Path work, List<String> names, Cancellation cancellation) throws Exception {
        List<Path> out = new ArrayList<>();
        for (JobInput in : job.inputs()) {
            if (in.isUrl() && ConversionTask.URL.equals(job.from())) {
                // the engine loads the page itself, under the same address rules
                out.add(Files.writeString(work.resolve("input.url"), in.url()));
                names.add(FileNames.safe(java.net.URI.create(in.url()).getHost(), "page") + ".url");
            } else if (in.isUrl()) {
                Path dir = Files.createDirectories(work.resolve("in-" + out.size()));
                out.add(cancellation.step(() -> urls.fetch(in.url(), dir, maxInputBytes)));
                names.add(out.getLast().getFileName().toString());
            } else {
                StoredFile f = files.find(job.tenant(), in.fileId()).orElseThrow(() ->
                        new io.kiln.error.ConversionFailed(ErrorCode.NOT_FOUND, "input file " + in.fileId() + " is gone"));
                out.add(files.localCopy(f, work));
                names.add(f.name());
            }
        }
        return out;
    }

    private static Options engineOptions(Map<String, String> options) {
        Map<String, String> engine = new java.util.HashMap<>(options);
        ConverterRegistry.COMMON_OPTIONS.forEach(o -> engine.remove(o.name()));
        return new Options(engine);
    }

    private static String baseName(Job job, List<String> names) {
        String name = job.options().get("name");
        if (name != null && !name.isBlank()) {
            return FileNames.base(FileNames.safe(name, "output"));
        }
        return FileNames.base(names.getFirst());
    }

    /** The produced files moved into storage, not yet recorded (that happens with the job's end). */
    private List<StoredFile> put(Job job, List<ProducedFile> produced) throws IOException {
        List<StoredFile> stored = new ArrayList<>();
        try {
            for (ProducedFile p : produced) {
                stored.add(files.putOutput(job.tenant(), job.id(), p.path(), p.name(), p.ext(), p.pageCount()));
            }
        } catch (IOException | RuntimeException e) {
            stored.forEach(files::delete);
            throw e;
        }
        return stored;
    }

    private long cost(List<JobOutput> outputs) {
        long cost = 0;
        for (JobOutput o : outputs) {
            cost += o.pageCount() == null ? settings.creditsPerFile() : (long) o.pageCount() * settings.creditsPerPage();
        }
        return cost;
    }

    /**
     * Publishes the end: the outputs' records, the job's end state (with its credits and webhook)
     * and its files' expiry in one commit. A job that is short of credits fails instead, keeping no
     * output; one that vanished (deleted, or re-queued and claimed again) keeps nothing of this run.
     */
    private void finish(Lease lease, String from, List<StoredFile> stored, JobError error) {
        Job job = lease.job();
        List<JobOutput> outputs = stored.stream().map(f ->
                new JobOutput(f.id(), f.name(), f.ext(), f.size(), f.sha256(), f.pageCount())).toList();
        try {
            Job ended;
            try {
                ended = publish(job.ended(error == null ? JobStatus.SUCCESS : JobStatus.FAILED, clock.instant(),
                        settings.ttl(), from, outputs, error, error == null ? cost(outputs) : 0), stored);
            } catch (InsufficientCreditsException shortOfCredits) {
                stored.forEach(files::delete);
                ended = publish(job.ended(JobStatus.FAILED, clock.instant(), settings.ttl(), from, List.of(),
                        new JobError(ErrorCode.INSUFFICIENT_CREDITS, "the result would cost " + cost(outputs)
                                + " credits, more than this API key has left"), 0), List.of());
            }
            metrics.ended(ended.status());
            JobLog.ended(ended);
            durability.await(); // an end announced (a sync answer, a long-poll) is never undone by a crash
            events.ended(ended);
        } catch (StaleJobException e) {
            LOG.info("job {} vanished before its result was published; dropping outputs", job.key());
            stored.forEach(files::delete);
        } catch (RuntimeException e) { // e.g. the database went away: the job runs again, these files are not its
            stored.forEach(f -> {
                try {
                    files.delete(f);
                } catch (RuntimeException alsoDown) {
                    e.addSuppressed(alsoDown);
                }
            });
            throw e;
        }
    }

    private Job publish(Job ended, List<StoredFile> stored) {
        Job[] saved = new Job[1];
        unitOfWork.run(() -> {
            stored.forEach(f -> files.record(f, ended.expiresAt()));
            saved[0] = store.update(ended);
            files.expireWithJob(ended.tenant(), ended.id(), ended.expiresAt());
        });
        return saved[0];
    }

    /**
     * Deletes every scratch directory. Only for the start of an embedded (single-process) server,
     * where any scratch directory was left by a run of this process that died mid-conversion.
     */
    public void clearScratch() {
        try (var dirs = Files.list(scratch)) {
            dirs.forEach(JobRunner::deleteTree);
        } catch (IOException e) {
            LOG.warn("could not clean {}", scratch, e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not clean {}", dir, e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
