package io.kiln.dialect.pdfrest;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.kiln.api.ApiContext;
import io.kiln.api.Auth;
import io.kiln.api.OwnLinks;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import io.kiln.job.Caller;
import io.kiln.job.Job;
import java.util.LinkedHashMap;
import java.util.Map;

/** Mounts the pdfRest dialect: {@code POST /convert} and {@code GET /request-status/{id}}, at the root or a prefix. */
public final class PdfRestRoutes {

    private final ApiContext api;
    private final String prefix;
    private final PdfRestRequests requests;
    private final RequestStatusView view;

    /** @param prefix where the dialect is mounted ({@code ""} for the root, else e.g. {@code /pdfrest}) */
    public PdfRestRoutes(ApiContext api, String prefix) {
        this.api = api;
        this.prefix = prefix;
        this.requests = new PdfRestRequests(api.jobs().files(),
                new OwnLinks(api.links(), api.jobs().files(), api.clock()));
        this.view = new RequestStatusView(api.links());
    }

    /** How this dialect answers errors that reach none of its handlers. */
    public io.kiln.api.ErrorShape errorShape() {
        return PdfRestErrors.shape(prefix);
    }

    public void register(RoutesConfig routes) {
        routes.post(prefix + "/convert", PdfRestErrors.guard(this::convert));
        routes.get(prefix + "/request-status/{id}", PdfRestErrors.guard(this::status));
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
        RequestStatusView.Answer answer = view.render(api.baseUrl(ctx), job);
        ctx.status(answer.status()).json(answer.body());
    }

    /** The key from {@code Api-Key}, else {@code Authorization: Bearer} (or Kiln's other forms). */
    private Caller caller(Context ctx) {
        String key = ctx.header("Api-Key");
        return api.auth().caller(key != null && !key.isBlank() ? key : Auth.presentedKey(ctx));
    }
}
