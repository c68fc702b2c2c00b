package io.kiln.dialect.pdfrest;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.kiln.api.ApiContext;
import io.kiln.api.Downloads;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import io.kiln.job.Caller;
import io.kiln.job.FileService;
import io.kiln.storage.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * pdfRest's resources (its reference, §/upload and §/resource): {@code POST /upload} stores files whose
 * ids any operation takes as {@code id}; {@code GET /resource/{id}?format=file|url|info} reads one
 * (with the caller's key, or a signed link's signature instead); {@code DELETE /resource/{id}} removes it.
 */
final class ResourceRoutes {

    private final ApiContext api;
    private final FileService files;
    private final ResourceLinks links;

    ResourceRoutes(ApiContext api, ResourceLinks links) {
        this.api = api;
        this.files = api.jobs().files();
        this.links = links;
    }

    void upload(Context ctx) throws IOException {
        Caller caller = PdfRestKeys.caller(api.auth(), ctx);
        String type = Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase(Locale.ROOT);
        List<Map<String, Object>> stored = new ArrayList<>();
        if (type.startsWith("application/octet-stream")) { // the raw form: the name in Content-Filename
            try (InputStream in = ctx.bodyInputStream()) {
                stored.add(entry(files.storeFile(caller.tenant(),
                        Optional.ofNullable(ctx.header("Content-Filename")).orElse("file"), in)));
            }
        } else {
            for (UploadedFile part : PdfRestParams.read(ctx).files()) {
                try (InputStream in = part.content()) {
                    stored.add(entry(files.storeFile(caller.tenant(), part.filename(), in)));
                }
            }
        }
        if (stored.isEmpty()) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "send one or more 'file' parts");
        }
        ctx.json(Map.of("files", stored));
    }

    private static Map<String, Object> entry(StoredFile f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("id", f.id());
        return m;
    }

    void get(Context ctx) throws IOException {
        StoredFile f = find(ctx);
        String format = Optional.ofNullable(ctx.queryParam("format")).orElse("file");
        String url = links.url(api.baseUrl(ctx), f.id(), f.expiresAt());
        switch (format) {
            case "file" -> Downloads.one(ctx, files, f);
            case "url" -> ctx.json(Map.of("url", url));
            case "info" -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", f.id());
                m.put("name", f.name());
                m.put("url", url);
                m.put("type", Downloads.contentType(f.ext()));
                m.put("size", f.size());
                m.put("modified", f.createdAt().toString());
                ctx.json(m);
            }
            default -> throw new RequestRejected(ErrorCode.BAD_REQUEST, "format must be file, url or info");
        }
    }

    void delete(Context ctx) {
        Caller caller = PdfRestKeys.caller(api.auth(), ctx);
        StoredFile f = files.find(caller.tenant(), ctx.pathParam("id")).orElseThrow(() -> missing(ctx));
        files.deleteNow(f);
        ctx.status(204);
    }

    /** The caller's file; without a key, any file whose signed link this is. */
    private StoredFile find(Context ctx) {
        String id = ctx.pathParam("id");
        if (PdfRestKeys.presented(ctx).isEmpty() && ctx.queryParam("sig") != null) {
            if (!links.valid(id, ctx.queryParam("expires"), ctx.queryParam("sig"), api.clock().instant())) {
                throw new RequestRejected(ErrorCode.NOT_FOUND, "the link is not valid or has expired");
            }
            return files.findAnyTenant(id).orElseThrow(() -> missing(ctx));
        }
        Caller caller = PdfRestKeys.caller(api.auth(), ctx);
        return files.find(caller.tenant(), id).orElseThrow(() -> missing(ctx));
    }

    private static RequestRejected missing(Context ctx) {
        return new RequestRejected(ErrorCode.NOT_FOUND, "no resource with id " + ctx.pathParam("id"));
    }
}
