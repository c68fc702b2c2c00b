package io.kiln.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import io.kiln.job.FileService;
import io.kiln.job.JobInput;
import io.kiln.job.JobRequest;
import io.kiln.storage.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a native job request from a multipart form (file parts + fields) or a JSON body
 * ({@code to, from, inputs|url|fileId, options, jobId, webhook}). Uploads are stored as they are
 * read; {@link io.kiln.job.JobService#submit} deletes them if the request is then refused.
 */
public final class JobRequestReader {

    private static final Set<String> FIELDS = Set.of("to", "from", "jobId", "webhook", "url", "fileId");
    private static final Set<String> JSON_FIELDS = Set.of("to", "from", "jobId", "webhook", "url", "fileId",
            "inputs", "options");

    private final FileService files;
    private final OwnLinks ownLinks;

    public JobRequestReader(FileService files, OwnLinks ownLinks) {
        this.files = files;
        this.ownLinks = ownLinks;
    }

    /** @param to the target when the path names it ({@code /v1/convert/{to}}), else null */
    public JobRequest read(Context ctx, String tenant, String to) {
        String type = Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase();
        if (type.startsWith("multipart/form-data")) {
            return multipart(ctx, tenant, to);
        }
        if (type.startsWith("application/json")) {
            return json(ctx, tenant, to);
        }
        throw new RequestRejected(ErrorCode.MALFORMED_BODY,
                "send multipart/form-data (file parts and fields) or application/json");
    }

    private JobRequest multipart(Context ctx, String tenant, String to) {
        List<UploadedFile> parts;
        Map<String, List<String>> fields;
        try {
            parts = new ArrayList<>(ctx.uploadedFiles("file"));
            parts.addAll(ctx.uploadedFiles("files"));
            fields = ctx.formParamMap();
        } catch (Exception e) { // Jetty's multipart errors arrive as undeclared ServletExceptions
            throw Uploads.rejected(e);
        }
        List<JobInput> inputs = new ArrayList<>();
        List<StoredFile> uploads = new ArrayList<>();
        try {
            for (UploadedFile part : parts) {
                try (InputStream in = part.content()) {
                    StoredFile f = files.storeUpload(tenant, part.filename(), in);
                    uploads.add(f);
                    inputs.add(JobInput.upload(f.id()));
                }
            }
        } catch (IOException e) {
            throw new RequestRejected(ErrorCode.MALFORMED_BODY, "the upload could not be read: " + e.getMessage());
        }
        Map<String, String> options = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (!FIELDS.contains(k) && !v.isEmpty()) {
                options.put(k, v.getLast());
            }
        });
        first(fields, "url").ifPresent(u -> inputs.add(ownLinks.input(u, tenant)));
        first(fields, "fileId").ifPresent(f -> inputs.add(JobInput.file(f)));
        return new JobRequest(target(to, first(fields, "to")), first(fields, "from"), options, inputs,
                clientId(ctx, first(fields, "jobId")), first(fields, "webhook"), "native", uploads);
    }

    private JobRequest json(Context ctx, String tenant, String to) {
        JsonNode body = Json.parse(ctx.body());
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!JSON_FIELDS.contains(f)) {
                throw new RequestRejected(ErrorCode.BAD_REQUEST, "unknown field '" + f + "'");
            }
        }
        List<JobInput> inputs = new ArrayList<>();
        for (JsonNode in : body.path("inputs")) {
            if (in.hasNonNull("url")) {
                inputs.add(ownLinks.input(in.get("url").asText(), tenant));
            } else if (in.hasNonNull("fileId")) {
                inputs.add(JobInput.file(in.get("fileId").asText()));
            } else {
                throw new RequestRejected(ErrorCode.BAD_REQUEST, "each input needs a url or a fileId");
            }
        }
        text(body, "url").ifPresent(u -> inputs.add(ownLinks.input(u, tenant)));
        text(body, "fileId").ifPresent(f -> inputs.add(JobInput.file(f)));
        Map<String, String> options = new LinkedHashMap<>();
        JsonNode opts = body.path("options");
        if (!opts.isMissingNode() && !opts.isNull() && !opts.isObject()) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "options must be an object");
        }
        opts.properties().forEach(e -> options.put(e.getKey(), e.getValue().isTextual()
                ? e.getValue().asText() : e.getValue().toString()));
        return new JobRequest(target(to, text(body, "to")), text(body, "from"), options, inputs,
                clientId(ctx, text(body, "jobId")), text(body, "webhook"), "native");
    }

    private static String target(String fromPath, Optional<String> field) {
        String to = fromPath != null ? fromPath : field.orElseThrow(() ->
                new RequestRejected(ErrorCode.BAD_REQUEST, "'to' is required: the target format, e.g. pdf"));
        return to.trim().toLowerCase();
    }

    private static Optional<String> clientId(Context ctx, Optional<String> field) {
        return field.or(() -> Optional.ofNullable(ctx.header("Idempotency-Key")).filter(s -> !s.isBlank()));
    }

    private static Optional<String> first(Map<String, List<String>> fields, String name) {
        List<String> v = fields.get(name);
        return v == null || v.isEmpty() || v.getFirst().isBlank() ? Optional.empty() : Optional.of(v.getFirst().trim());
    }

    private static Optional<String> text(JsonNode body, String name) {
        JsonNode n = body.get(name);
        return n == null || n.isNull() || n.asText().isBlank() ? Optional.empty() : Optional.of(n.asText().trim());
    }
}
