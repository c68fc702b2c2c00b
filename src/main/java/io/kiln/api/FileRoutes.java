package io.kiln.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import io.kiln.storage.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code POST /v1/files} stores an upload for reuse by id; {@code GET /v1/files/{id}/{name}} downloads. */
public final class FileRoutes {

    private final ApiContext api;

    public FileRoutes(ApiContext api) {
        this.api = api;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/files", this::upload);
        routes.get("/v1/files/{id}/{name}", this::download);
    }

    private void upload(Context ctx) throws IOException {
        String tenant = api.auth().tenant(ctx);
        StoredFile f;
        String type = Optional.ofNullable(ctx.contentType()).orElse("");
        if (type.startsWith("multipart/form-data")) {
            List<UploadedFile> parts;
            try {
                parts = ctx.uploadedFiles("file");
            } catch (Exception e) { // Jetty's multipart errors arrive as undeclared ServletExceptions
                throw Uploads.rejected(e);
            }
            if (parts.size() != 1) {
                throw new RequestRejected(ErrorCode.BAD_REQUEST, "send exactly one 'file' part");
            }
            try (InputStream in = parts.getFirst().content()) {
                f = api.jobs().files().storeFile(tenant, parts.getFirst().filename(), in);
            }
        } else {
            String name = Optional.ofNullable(ctx.queryParam("name")).orElse(ContentDisposition.filename(
                    ctx.header("Content-Disposition")).orElse("file"));
            try (InputStream in = ctx.bodyInputStream()) {
                f = api.jobs().files().storeFile(tenant, name, in);
            }
        }
        ctx.status(201).json(render(ctx, f));
    }

    private void download(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        Optional<StoredFile> file;
        if (ctx.queryParam("sig") != null) {
            if (!api.links().valid(id, ctx.queryParam("expires"), ctx.queryParam("sig"), api.clock().instant())) {
                throw new RequestRejected(ErrorCode.NOT_FOUND, "this link is invalid or has expired");
            }
            file = api.jobs().files().findAnyTenant(id);
        } else {
            file = api.jobs().files().find(api.auth().tenant(ctx), id);
        }
        StoredFile f = file.filter(x -> x.expiresAt().isAfter(api.clock().instant()))
                .orElseThrow(() -> new RequestRejected(ErrorCode.NOT_FOUND, "no such file"));
        Downloads.one(ctx, api.jobs().files(), f);
    }

    private Map<String, Object> render(Context ctx, StoredFile f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fileId", f.id());
        m.put("name", f.name());
        m.put("ext", f.ext());
        m.put("size", f.size());
        m.put("sha256", f.sha256());
        m.put("expiresAt", f.expiresAt().toString());
        m.put("url", api.baseUrl(ctx) + api.links().path(f.id(), f.name(), f.expiresAt()));
        return m;
    }
}
