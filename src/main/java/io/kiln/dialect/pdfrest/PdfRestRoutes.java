package io.kiln.dialect.pdfrest;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.kiln.api.ApiContext;
import io.kiln.api.OwnLinks;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import io.kiln.job.Caller;
import io.kiln.job.Job;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mounts the pdfRest dialect at the root or a prefix: the seed's {@code POST /convert}, the Cloud API's
 * operation routes of {@link PdfRestOperation}, {@code /upload}, {@code /resource/{id}}, and
 * {@code GET /request-status/{id}} for both.
 */
public final class PdfRestRoutes {

    private final ApiContext api;
    private final String prefix;
    private final PdfRestRequests requests;
    private final RequestStatusView view;
    private final OperationRoute operations;
    private final ResourceRoutes resources;
    private final boolean servesUpload;

    /**
     * @param prefix where the dialect is mounted ({@code ""} for the root, else e.g. {@code /pdfrest})
     * @param servesUpload whether {@code POST /upload} is this dialect's: false when ConvertAPI, whose
     *     upload has the same path, is mounted at the same prefix
     */
    public PdfRestRoutes(ApiContext api, String prefix, boolean servesUpload) {
        this.api = api;
        this.prefix = prefix;
        this.requests = new PdfRestRequests(api.jobs().files(),
                new OwnLinks(api.links(), api.jobs().files(), api.clock()));
        this.view = new RequestStatusView(api.links());
        var links = new ResourceLinks(api.links(), prefix);
        this.operations = new OperationRoute(api, new OperationRequests(api.jobs().files()),
                new OperationView(links, api.jobs().files()));
        this.resources = new ResourceRoutes(api, links);
        this.servesUpload = servesUpload;
    }

    /** How this dialect answers errors that reach none of its handlers. */
    public io.kiln.api.ErrorShape errorShape() {
        return PdfRestErrors.shape(prefix, servesUpload);
    }

    public void register(RoutesConfig routes) {
        routes.post(prefix + "/convert", PdfRestErrors.guard(this::convert));
        routes.get(prefix + "/request-status/{id}", PdfRestErrors.guard(this::status));
        for (PdfRestOperation op : PdfRestOperation.values()) {
            routes.post(prefix + op.path, PdfRestErrors.guard(ctx -> operations.handle(ctx, op)));
        }
        if (servesUpload) {
            routes.post(prefix + "/upload", PdfRestErrors.guard(resources::upload));
        }
        routes.get(prefix + ResourceLinks.ROOT + "{id}", PdfRestErrors.guard(resources::get));
        routes.delete(prefix + ResourceLinks.ROOT + "{id}", PdfRestErrors.guard(resources::delete));
    }

    private void convert(Context ctx) {
        Caller caller = caller(ctx);
        Job job = api.jobs().submit(caller, requests.read(ctx, caller.tenant()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", job.id());
        body.put("status", "processing");
        ctx.json(body);
    }

    private void status(Context ctx) {
        Caller caller = caller(ctx);
        String id = ctx.pathParam("id");
        Job job = api.jobs().find(caller.tenant(), id).orElseThrow(() ->
                new RequestRejected(ErrorCode.NOT_FOUND, "no request with id " + id));
        if (OperationRequests.DIALECT.equals(job.dialect())) { // the job records which routes started it
            operations.status(ctx, job);
            return;
        }
        RequestStatusView.Answer answer = view.render(api.baseUrl(ctx), job);
        ctx.status(answer.status()).json(answer.body());
    }

    private Caller caller(Context ctx) {
        return PdfRestKeys.caller(api.auth(), ctx);
    }
}
