package io.kiln.dialect.pdfco;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.kiln.api.ApiContext;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import io.kiln.job.Caller;
import io.kiln.storage.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /v1/file/upload}: a multipart {@code file} stored; its link is usable as any method's {@code url}. */
final class UploadRoute {

    private final ApiContext api;
    private final RemainingCredits credits;

    UploadRoute(ApiContext api, RemainingCredits credits) {
        this.api = api;
        this.credits = credits;
    }

    void handle(Context ctx) throws IOException {
        Caller caller = api.auth().caller(ctx);
        UploadedFile part = onePart(ctx);
        StoredFile f;
        try (InputStream in = part.content()) {
            f = api.jobs().files().storeFile(caller.tenant(), part.filename(), in);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", api.baseUrl(ctx) + api.links().path(f.id(), f.name(), f.expiresAt()));
        m.put("error", false);
        m.put("status", 200);
        m.put("name", f.name());
        m.put("remainingCredits", credits.of(caller));
        ctx.json(m);
    }

    private static UploadedFile onePart(Context ctx) {
        if (ctx.contentType() == null || !ctx.contentType().toLowerCase().startsWith("multipart/form-data")) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "send the file as multipart/form-data, part 'file'");
        }
        List<UploadedFile> parts;
        try {
            parts = ctx.uploadedFiles("file");
        } catch (Exception e) { // Jetty's multipart errors arrive as undeclared ServletExceptions
            throw io.kiln.api.Uploads.rejected(e);
        }
        if (parts.size() != 1) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "send exactly one 'file' part");
        }
        return parts.getFirst();
    }
}
