package io.kiln.job;

import io.kiln.config.KilnConfig;
import io.kiln.engine.Capability;
import io.kiln.engine.ConversionTask;
import io.kiln.engine.ConverterRegistry;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import io.kiln.error.ServiceUnavailable;
import io.kiln.storage.StoredFile;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point for jobs: every dialect submits, reads, awaits and deletes through here.
 * Validates a request completely before accepting it, so an accepted job only fails for reasons
 * found while converting.
 */
public final class JobService {

    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);

    private final JobStore store;
    private final FileService files;
    private final ConverterRegistry registry;
    private final UrlInputs urls;
    private final JobEvents events;
    private final Workers workers;
    private final Clock clock;
    private volatile boolean stopping;
    private final KilnConfig.Jobs settings;
    private final QueueDepth queue;
    private final CreditAccounts credits;
    private final UnitOfWork unitOfWork;
    private final Durability durability;
    private JobRemoval removal = JobRemoval.NONE;

    public JobService(JobStore store, FileService files, ConverterRegistry registry, UrlInputs urls,
                      JobEvents events, Workers workers, CreditAccounts credits, UnitOfWork unitOfWork,
                      Durability durability, Clock clock, KilnConfig.Jobs settings) {
        this.unitOfWork = unitOfWork;
        this.durability = durability;
        this.credits = credits;
        this.store = store;
        this.files = files;
        this.registry = registry;
        this.urls = urls;
        this.events = events;
        this.workers = workers;
        this.clock = clock;
        this.settings = settings;
        this.queue = new QueueDepth(store);
    }

    public FileService files() {
        return files;
    }

    public CreditAccounts credits() {
        return credits;
    }

    /** What else to remove when a job is deleted (set once by the composition root). */
    public void onRemoval(JobRemoval removal) {
        this.removal = removal;
    }

    /**
     * Accepts a job, or returns the existing one when the same client id and request come again.
     *
     * @throws RequestRejected for anything wrong with the request (nothing is stored then)
     */
    public Job submit(String tenant, JobRequest req) {
        return submit(Caller.of(tenant), req);
    }

    /** As {@link #submit(String, JobRequest)}, for a caller whose key may carry a credit balance. */
    public Job submit(Caller caller, JobRequest req) {
        Job job;
        try {
            if (stopping) {
                // 503 with Retry-After in the caller's dialect: another node, or this one restarted, takes it
                throw new ServiceUnavailable(ErrorCode.UNAVAILABLE,
                        "this server is stopping; send the job again (another node or the restarted server takes it)", null);
            }
            job = accept(caller, req);
        } catch (RuntimeException e) {
            discardUploads(caller.tenant(), req);
            throw e;
        }
        durability.await(); // a 2xx promises the job survives a crash
        return job;
    }

    /** Uploads made for a request that was refused, or that repeated an existing job, are surplus. */
    private void discardUploads(String tenant, JobRequest req) {
        req.inputs().stream().filter(JobInput::owned)
                .forEach(i -> files.find(tenant, i.fileId()).ifPresent(files::delete));
    }

    /** Inserts the job and, in the same commit, ties its inputs' lifetimes to it. */
    private void insert(Job job, JobRequest req, String requestId) {
        // uploads made for this request belong to the job; stored files it reuses live at least as long
        var keep = job.createdAt().plus(settings.ttl()).plus(settings.ttl());
        unitOfWork.run(() -> {
            store.insert(job);
            if (requestId != null) {
                store.recordRequestId(job.tenant(), job.id(), requestId);
            }
            for (JobInput in : req.inputs()) {
                if (in.owned()) {
                    files.attach(in.fileId(), job.id(), keep);
                } else if (!in.isUrl()) {
                    files.keepUntil(in.fileId(), keep);
                }
            }
        });
    }

    /**
     * Counted in the shared jobs table, so the limit holds across the cluster. Two submissions racing
     * may both pass (the count is read, not locked): a limit of N allows N + (nodes - 1) at worst.
     */
    private void refuseOverJobLimit(Caller caller) {
        if (caller.concurrentJobs().isPresent() && caller.keyId() != null) {
            int limit = caller.concurrentJobs().getAsInt();
            if (store.countUnfinished(caller.keyId()) >= limit) {
                throw new RequestRejected(ErrorCode.RATE_LIMITED, "this API key may have " + limit
                        + " job(s) queued or running at once; wait for one to finish");
            }
        }
    }

    private Job accept(Caller caller, JobRequest req) {
        String tenant = caller.tenant();
        if (credits.balance(caller.keyId()).map(b -> b.remaining() <= 0).orElse(false)) {
            throw new RequestRejected(ErrorCode.INSUFFICIENT_CREDITS, "this API key has no credits left");
        }
        refuseOverJobLimit(caller);
        if (req.inputs().isEmpty()) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "no input: send a file, a fileId or a url");
        }
        req.webhook().ifPresent(urls::check);
        List<String> identities = new ArrayList<>();
        List<String> formats = new ArrayList<>();
        String firstName = null;
        for (JobInput in : req.inputs()) {
            if (in.isUrl()) {
                urls.check(in.url());
                identities.add(in.url());
                formats.add(req.from().orElse(null));
            } else {
                StoredFile f = uploaded(req, in.fileId()).or(() -> files.find(tenant, in.fileId())).orElseThrow(() ->
                        new RequestRejected(ErrorCode.NOT_FOUND, "no file with id " + in.fileId()));
                identities.add(f.sha256());
                formats.add(req.from().orElse(f.ext()));
                firstName = firstName == null ? f.name() : firstName;
            }
        }
        String from = formats.getFirst();
        Capability cap = capability(from, req, firstName);
        if (ConversionTask.URL.equals(from) && (req.inputs().size() != 1 || !req.inputs().getFirst().isUrl())) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "a url → " + req.to() + " conversion takes exactly one url input");
        }
        boolean assets = cap != null && cap.inputs() == Capability.Inputs.ASSETS;
        for (String f : assets ? formats.subList(0, 1) : formats) {
            if (cap != null && f != null && !cap.from().contains(f)) {
                throw new RequestRejected(ErrorCode.UNSUPPORTED_CONVERSION,
                        "cannot combine a " + f + " input into " + from + " → " + req.to());
            }
        }
        if (cap != null && cap.inputs() == Capability.Inputs.ONE && req.inputs().size() > 1) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, from + " → " + req.to() + " takes exactly one input");
        }
        if (cap != null) {
            ConverterRegistry.validate(cap, req.options());
        }
        String hash = RequestFingerprint.of(req, from == null ? "" : from, identities);
        String id = req.jobId().map(JobService::checkedClientId).orElseGet(OrderedIds::next);
        if (req.jobId().isPresent()) {
            Optional<Job> existing = store.find(tenant, id);
            if (existing.isPresent() && isLive(existing.get())) {
                return repeated(existing.get(), hash, req);
            }
            existing.ifPresent(this::purge);
        }
        if (queue.atLeast(settings.maxQueue())) {
            throw new RequestRejected(ErrorCode.QUEUE_FULL, "the queue is full; try again shortly");
        }
        var now = clock.instant();
        Job job = new Job(tenant, id, 0, JobStatus.QUEUED, from, req.to(), req.options(), req.inputs(), hash,
                req.webhook().orElse(null), req.dialect(), now, null, null, null, 0, null, null, List.of(), null, 0,
                caller.keyId());
        try {
            insert(job, req, caller.requestId());
        } catch (DuplicateJobException race) {
            return repeated(store.find(tenant, id).orElseThrow(() -> race), hash, req);
        }
        JobLog.accepted(job);
        queue.added();
        workers.wake();
        return job;
    }

    private static Optional<StoredFile> uploaded(JobRequest req, String fileId) {
        return req.uploads().stream().filter(f -> f.id().equals(fileId)).findFirst();
    }

    /** The capability that will serve the request; null when the source format is known only after fetching. */
    private Capability capability(String from, JobRequest req, String firstName) {
        if (from == null) {
            if (!registry.producesAnything(req.to())) {
                throw new RequestRejected(ErrorCode.UNSUPPORTED_CONVERSION, "nothing converts to " + req.to());
            }
            return null;
        }
        if (firstName != null && req.from().isEmpty() && registry.find(from, req.to()).isEmpty()
                && !FileNames.extension(firstName).equals(from)) {
            // the name lies about the content: say what the file really is
            throw new RequestRejected(ErrorCode.UNSUPPORTED_FORMAT, firstName + " is really a " + from
                    + " file, and " + from + " cannot be converted to " + req.to());
        }
        ConverterRegistry.Match match = registry.find(from, req.to()).orElseThrow(() ->
                new RequestRejected(ErrorCode.UNSUPPORTED_CONVERSION, "cannot convert " + from + " to " + req.to()
                        + (registry.sourcesFor(req.to()).isEmpty() ? "" : "; " + req.to() + " can be made from "
                        + String.join(", ", registry.sourcesFor(req.to())))));
        var availability = match.converter().availability();
        if (availability.state() == io.kiln.engine.Availability.State.UNAVAILABLE) {
            // refused now rather than accepted to fail: a warming engine, by contrast, takes work
            throw new RequestRejected(ErrorCode.ENGINE_UNAVAILABLE, "the " + match.converter().engine()
                    + " engine is not available: " + availability.detail());
        }
        return match.capability();
    }

    /** The job a repeated client id names, if the request is the same; this request's uploads are surplus. */
    private Job repeated(Job existing, String hash, JobRequest req) {
        if (!existing.requestHash().equals(hash)) {
            throw new RequestRejected(ErrorCode.CONFLICT,
                    "job " + existing.id() + " already exists with a different request");
        }
        discardUploads(existing.tenant(), req);
        return existing;
    }

    private static String checkedClientId(String id) {
        String s = id.trim();
        if (s.isEmpty() || s.length() > 36 || !s.matches("[A-Za-z0-9._-]+")) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST,
                    "jobId must be 1 to 36 letters, digits, '.', '_' or '-' (a UUID is best)");
        }
        return s;
    }

    /** The job, unless there is none or it has expired (the sweeper may not have come by yet). */
    public Optional<Job> find(String tenant, String id) {
        return store.find(tenant, id).filter(this::isLive);
    }

    /**
     * The job with this id whichever tenant owns it, for protocols where the id alone is the
     * capability (ConvertAPI's key-less polls); empty when there is none or when two tenants chose
     * the same id of their own, since then it names no single job.
     */
    public Optional<Job> findByIdAlone(String id) {
        List<Job> found = store.findInAnyTenant(id, 2).stream().filter(this::isLive).toList();
        return found.size() == 1 ? Optional.of(found.getFirst()) : Optional.empty();
    }

    private boolean isLive(Job job) {
        return job.expiresAt() == null || job.expiresAt().isAfter(clock.instant());
    }

    /**
     * The job once it has ended, or as it stands after {@code wait}; empty if it does not exist.
     * Blocks the caller, which is meant to be the request's own virtual thread: a parked virtual
     * thread is the whole cost of a waiter (DESIGN §2). See {@link JobEvents} for why the park has
     * no timeout of its own.
     */
    public Optional<Job> await(String tenant, String id, Duration wait) {
        long started = System.nanoTime();
        try (JobEvents.Wait ended = events.register(tenant + "/" + id)) {
            Optional<Job> now = find(tenant, id);
            if (now.isEmpty() || now.get().status().isTerminal() || wait.isZero()) {
                return now;
            }
            ended.await(wait);
        }
        boolean timedOut = System.nanoTime() - started >= wait.toNanos();
        Optional<Job> after = find(tenant, id);
        if (timedOut && after.isPresent() && after.get().finishedAt() != null
                && after.get().finishedAt().isBefore(clock.instant().minusSeconds(1))) {
            // a wake-up that never came: the waiter sat out (nearly) its whole wait although the job had ended
            LOG.warn("job {} ended at {} but a long-poll on it was not woken and waited its full {} s",
                    after.get().key(), after.get().finishedAt(), wait.toSeconds());
        }
        return after;
    }

    /**
     * Stops a queued or running job and keeps it, {@code aborted}, until its TTL (its webhook is
     * called as for any end); a job that had already ended is answered as it is. Empty if there is no
     * such job. The row is ended first, so a worker still converting loses its lease and publishes
     * nothing; then its download or conversion is interrupted.
     */
    public Optional<Job> cancel(String tenant, String id) {
        for (int attempt = 0; ; attempt++) {
            Optional<Job> now = find(tenant, id);
            if (now.isEmpty() || now.get().status().isTerminal()) {
                return now;
            }
            Job job = now.get();
            try {
                Job aborted = store.update(job.ended(JobStatus.ABORTED, clock.instant(), settings.ttl(), job.from(),
                        List.of(), new JobError(ErrorCode.ABORTED, "the job was cancelled"), 0));
                workers.cancel(job.key());
                durability.await();
                events.ended(aborted);
                LOG.info("job {} cancelled ({})", job.key(), job.status().wire());
                return Optional.of(aborted);
            } catch (StaleJobException raced) {
                // claimed, renewed or ended meanwhile: look again (a lease renewal every few seconds at most)
                if (attempt >= 10) {
                    throw raced;
                }
            }
        }
    }

    /** Cancels the job if running and deletes it with its files. False if there was no such job. */
    public boolean delete(String tenant, String id) {
        Optional<Job> job = store.find(tenant, id);
        if (job.isEmpty()) {
            return false;
        }
        if (!isLive(job.get())) {
            purge(job.get()); // as the sweeper would have; to the caller it was gone already
            return false;
        }
        boolean deleted = purge(job.get());
        durability.await(); // a job answered as deleted does not come back after a crash
        if (deleted) {
            LOG.info("job {} deleted ({})", job.get().key(), job.get().status().wire());
        }
        return deleted;
    }

    /**
     * Deletes the job (the row first, so a worker still converting publishes nothing), stops its
     * conversion, removes its files and webhook delivery and wakes its waiters; true if the row was there.
     */
    private boolean purge(Job job) {
        boolean deleted = store.delete(job.tenant(), job.id());
        workers.cancel(job.key());
        removeFiles(job);
        removal.removed(job);
        events.ended(job);
        return deleted;
    }

    /** Deletes a job's outputs and the inputs uploaded with it (files stored separately stay). */
    void removeFiles(Job job) {
        files.byJob(job.tenant(), job.id()).forEach(files::delete);
    }

    public List<Job> list(String tenant, Optional<JobStatus> status, int limit, int offset) {
        return store.list(tenant, status, limit, offset);
    }

    public long queuePosition(Job job) {
        return job.status() == JobStatus.QUEUED ? store.queuePosition(job) : 0;
    }

    /** The server is stopping: new jobs are refused from now on; those accepted run or are handed back. */
    public void stopAccepting() {
        stopping = true;
    }

    public boolean isStopping() {
        return stopping;
    }

    public long count(JobStatus status) {
        return store.count(status);
    }

    /** How long the job that has waited longest in the queue has waited; empty when none waits. */
    public Optional<Duration> oldestQueuedAge() {
        return store.oldestQueuedAt().map(at -> Duration.between(at, clock.instant()));
    }
}
