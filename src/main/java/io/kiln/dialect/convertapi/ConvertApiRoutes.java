package io.kiln.dialect.convertapi;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.kiln.api.ApiContext;
import io.kiln.api.OwnLinks;
import io.kiln.job.Caller;
import io.kiln.job.Job;
import io.kiln.job.JobStatus;
import io.kiln.job.PollHolds;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ConvertAPI's protocol at the root (and under {@code /async}): {@code POST /convert/{from}/to/{to}}
 * (sync, {@code Async=true}, or semi-async with a client {@code JobId}), {@code GET /job/{id}} (held
 * up to {@code --convertapi-poll-wait}, 5 s by default, while converting; one poll at a time) and {@code DELETE /job/{id}}, plus
 * the file endpoints of {@link ConvertApiFiles}.
 */
public final class ConvertApiRoutes {

    /** Names the parameters Kiln dropped because it cannot honour them for the conversion asked. */
    public static final String IGNORED_HEADER = "Kiln-Ignored-Parameters";
    /**
     * How long that header may grow: a request may carry any number of parameters, a response's
     * headers may not (past Jetty's limit the answer was never sent and the connection hung).
     */
    static final int IGNORED_HEADER_MAX = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ConvertApiRoutes.class);

    private final ApiContext api;
    private final String prefix;
    private final Duration pollWait;
    private final ConvertApiAuth auth;
    private final ParameterReader parameters = new ParameterReader();
    private final ConversionRequestReader requests;
    private final ConversionResults results;
    private final ConvertApiFiles files;
    private final PollHolds polls;

    /**
     * @param prefix where the dialect is mounted ({@code ""} for the root, else e.g. {@code /convertapi})
     * @param pollWait how long a poll of an unfinished job is held before it is answered 202
     * @param polls one poll at a time per job, across the nodes that share the database
     */
    public ConvertApiRoutes(ApiContext api, AcceptedOptions accepted, String prefix, Duration pollWait, PollHolds polls) {
        this.api = api;
        this.polls = polls;
        this.prefix = prefix;
        this.pollWait = pollWait;
        this.auth = new ConvertApiAuth(api.auth());
        this.requests = new ConversionRequestReader(api.jobs().files(),
                new OwnLinks(api.links(), api.jobs().files(), api.clock()), accepted, api.clock());
        this.results = new ConversionResults(api.jobs().files(), api.links(), prefix);
        this.files = new ConvertApiFiles(api, auth);
    }

    /** How this dialect answers errors that reach none of its handlers. */
    public io.kiln.api.ErrorShape errorShape() {
        return ConvertApiErrors.shape(prefix);
    }

    public void register(RoutesConfig routes) {
        for (String form : List.of("", "/async")) {
            String at = prefix + form;
            Handler convert = ConvertApiErrors.guarded(ctx -> convert(ctx, !form.isEmpty()));
            routes.post(at + "/convert/{from}/to/{to}", convert);
            routes.get(at + "/convert/{from}/to/{to}", convert);
            routes.get(at + "/job/{id}", ConvertApiErrors.guarded(this::poll));
            routes.delete(at + "/job/{id}", ConvertApiErrors.guarded(this::delete));
        }
        files.register(routes, prefix);
    }

    private void convert(Context ctx, boolean alwaysAsync) {
        Parameters params = parameters.read(ctx);
        Caller caller = auth.caller(ctx, params);
        ConversionRequest req = requests.read(params, caller.tenant(), ctx.pathParam("from"), ctx.pathParam("to"),
                alwaysAsync);
        if (!req.ignored().isEmpty()) {
            ctx.header(IGNORED_HEADER, listed(req.ignored()));
            LOG.debug("ConvertAPI parameters ignored for {} → {}: {}", ctx.pathParam("from"), ctx.pathParam("to"),
                    req.ignored());
        }
        Job job = api.jobs().submit(caller, req.async() ? req.job() : api.onTheLine(req.job()));
        if (req.async()) {
            ctx.json(Map.of("JobId", job.id()));
            return;
        }
        ctx.header("Kiln-Job-Id", job.id());
        answer(ctx, caller.tenant(), job.id(), api.maxWait(), req.storeFile(), unfinished -> stillConverting(ctx, unfinished));
    }

    /** The names, as many as fit in {@link #IGNORED_HEADER_MAX} characters, then how many more there are. */
    static String listed(List<String> names) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            String next = (i == 0 ? "" : ", ") + names.get(i);
            if (out.length() + next.length() > IGNORED_HEADER_MAX - 20) {
                return out.append(i == 0 ? "" : ", ").append("and ").append(names.size() - i).append(" more").toString();
            }
            out.append(next);
        }
        return out.toString();
    }

    /** A sync call that outwaited the server's longest wait: ConvertAPI's timeout error, naming where to poll. */
    private void stillConverting(Context ctx, Job job) {
        String poll = prefix + "/job/" + job.id();
        ctx.header("Location", poll);
        ConvertApiErrors.write(ctx, ConvertApiError.of(500, 5000, "Conversion timeout: job " + job.id()
                + " did not finish within " + api.maxWait().toSeconds() + " s; it goes on: poll " + poll + "."));
    }

    private void poll(Context ctx) {
        Parameters params = ConvertApiAuth.queryOnly(ctx);
        String id = JobIds.parse(ctx.pathParam("id")).orElseThrow(ConvertApiRoutes::noSuchJob);
        String tenant = tenantOf(ctx, params, id);
        String key = tenant + "/" + id;
        // held a little longer than the poll may take, so a node that dies mid-poll lets go
        if (!polls.take(key, pollWait.plusSeconds(30))) {
            throw new ConvertApiFailure(ConvertApiError.of(503, 5030,
                    "Another poll of job " + id + " is in progress; no concurrent poll requests are allowed."));
        }
        boolean storeFile = !params.text("storefile").map("false"::equalsIgnoreCase).orElse(false);
        try {
            answer(ctx, tenant, id, pollWait, storeFile, unfinished -> ctx.status(202).json(Map.of("JobId", id)));
        } finally {
            polls.release(key);
        }
    }

    private void delete(Context ctx) {
        String id = JobIds.parse(ctx.pathParam("id")).orElseThrow(ConvertApiRoutes::noSuchJob);
        if (!api.jobs().delete(tenantOf(ctx, ConvertApiAuth.queryOnly(ctx), id), id)) {
            throw noSuchJob();
        }
        ctx.status(200);
    }

    /**
     * Whose job a poll or delete is about: the key's tenant when a key comes with it; without one
     * (ConvertAPI documents both calls key-less), the tenant owning the job, since the job id, an
     * unguessable UUID, is itself the capability as on the hosted service. A wrong key stays a 401.
     */
    private String tenantOf(Context ctx, Parameters params, String id) {
        try {
            return auth.caller(ctx, params).tenant();
        } catch (ConvertApiFailure refused) {
            if (refused.error().code() != ConvertApiAuth.NO_CREDENTIALS) {
                throw refused;
            }
            return api.jobs().findByIdAlone(id).map(Job::tenant).orElseThrow(ConvertApiRoutes::noSuchJob);
        }
    }

    /** Waits up to {@code wait} for the job to end, then answers its result, its error, or {@code unfinished}. */
    private void answer(Context ctx, String tenant, String id, Duration wait, boolean storeFile,
                        Consumer<Job> unfinished) {
        String base = api.baseUrl(ctx);
        try {
            Optional<Job> now = api.jobs().await(tenant, id, wait);
            if (now.isEmpty()) {
                ConvertApiErrors.write(ctx, noSuchJob().error());
            } else if (now.get().status() == JobStatus.SUCCESS) {
                results.write(ctx, now.get(), base, storeFile);
            } else if (now.get().status().isTerminal()) {
                ConvertApiErrors.write(ctx, ConvertApiErrors.failed(now.get()));
            } else {
                unfinished.accept(now.get());
            }
        } catch (Exception e) {
            ConvertApiErrors.write(ctx, ConvertApiErrors.of(e));
        }
    }

    private static ConvertApiFailure noSuchJob() {
        return new ConvertApiFailure(ConvertApiError.of(404, 4040, "JobId is invalid, or the job expired or was deleted."));
    }
}
