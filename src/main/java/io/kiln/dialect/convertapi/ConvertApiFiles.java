package io.kiln.dialect.convertapi;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.kiln.api.ApiContext;
import io.kiln.api.ContentDisposition;
import io.kiln.api.Downloads;
import io.kiln.job.FileService;
import io.kiln.storage.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ConvertAPI's file endpoints: {@code POST /upload} (raw body named by {@code Content-Disposition}
 * or {@code ?FileName=}, or one multipart part) → {@code {FileId, FileName, FileExt}}, or the bare
 * id as text to a client that asks for {@code text/plain} or names no type at all (ConvertAPI's Java
 * client reads the body as the id and sends no {@code Accept}; its Node client asks for JSON);
 * {@code GET /d/{fileId}[/{name}]} downloads, {@code DELETE /d/{fileId}[/{name}]} deletes, each with
 * the key or a signed link's {@code expires}+{@code sig}: a result's link is all a ConvertAPI client
 * keeps of it (its Java client deletes results by their {@code Url}).
 */
final class ConvertApiFiles {

    private final ApiContext api;
    private final ConvertApiAuth auth;
    private final FileService files;

    ConvertApiFiles(ApiContext api, ConvertApiAuth auth) {
        this.api = api;
        this.auth = auth;
        this.files = api.jobs().files();
    }

    void register(RoutesConfig routes, String prefix) {
        routes.post(prefix + "/upload", ConvertApiErrors.guarded(this::upload));
        routes.get(prefix + "/d/{fileId}", ConvertApiErrors.guarded(this::download));
        routes.get(prefix + "/d/{fileId}/{name}", ConvertApiErrors.guarded(this::download));
        routes.delete(prefix + "/d/{fileId}", ConvertApiErrors.guarded(this::delete));
        routes.delete(prefix + "/d/{fileId}/{name}", ConvertApiErrors.guarded(this::delete));
    }

    private void upload(Context ctx) throws IOException {
        Parameters params = ConvertApiAuth.queryOnly(ctx); // the body is the file, never a form
        String tenant = auth.caller(ctx, params).tenant();
        if (params.text("url").isPresent()) {
            throw ConvertApiFailure.invalid("Url", "uploading from a URL is not supported; pass the URL as File");
        }
        StoredFile f;
        if (ctx.isMultipartFormData()) {
            List<UploadedFile> parts;
            try {
                parts = ctx.uploadedFiles();
            } catch (Exception e) { // Jetty's multipart errors arrive as undeclared ServletExceptions
                throw io.kiln.api.Uploads.rejected(e);
            }
            if (parts.size() != 1) {
                throw ConvertApiFailure.invalid("FileData", "send exactly one file part");
            }
            try (InputStream in = parts.getFirst().content()) {
                f = files.storeFile(tenant, params.text("filename").orElse(parts.getFirst().filename()), in);
            }
        } else {
            String name = params.text("filename").or(() -> ContentDisposition.filename(ctx.header("Content-Disposition")))
                    .orElseThrow(() -> new ConvertApiFailure(ConvertApiError.of(400, 4001,
                            "No content disposition provided: name the file in Content-Disposition or ?FileName=")));
            try (InputStream in = ctx.bodyInputStream()) {
                f = files.storeFile(tenant, name, in);
            }
        }
        String accept = Optional.ofNullable(ctx.header("Accept")).orElse("").strip();
        if (accept.isEmpty() || accept.startsWith("text/plain")) {
            ctx.contentType("text/plain").result(f.id());
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("FileId", f.id());
        body.put("FileName", f.name());
        body.put("FileExt", f.ext());
        ctx.json(body);
    }

    private void download(Context ctx) throws IOException {
        Downloads.one(ctx, files, named(ctx));
    }

    private void delete(Context ctx) {
        files.deleteNow(named(ctx));
        ctx.status(200);
    }

    /** The live file the path names, to the key's tenant or to the holder of a valid signed link. */
    private StoredFile named(Context ctx) {
        String id = ctx.pathParam("fileId");
        Optional<StoredFile> file;
        if (ctx.queryParam("sig") != null) {
            file = api.links().valid(id, ctx.queryParam("expires"), ctx.queryParam("sig"), api.clock().instant())
                    ? files.findAnyTenant(id) : Optional.empty();
        } else {
            file = files.find(auth.caller(ctx).tenant(), id);
        }
        return live(file).orElseThrow(ConvertApiFiles::noSuchFile);
    }

    private Optional<StoredFile> live(Optional<StoredFile> file) {
        return file.filter(f -> f.expiresAt().isAfter(api.clock().instant()));
    }

    private static ConvertApiFailure noSuchFile() {
        return new ConvertApiFailure(ConvertApiError.of(404, 4040, "File not found: the id is invalid or the file expired."));
    }
}
