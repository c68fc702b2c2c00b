package io.kiln.dialect.pdfrest;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.kiln.api.Json;
import io.kiln.api.OwnLinks;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import io.kiln.job.FileService;
import io.kiln.job.JobInput;
import io.kiln.job.JobRequest;
import io.kiln.storage.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code POST /convert}: JSON {@code {"source": URL, "format": ext, ...}} or a multipart
 * {@code file} part with {@code format} and other fields. {@code output} names the result; any other
 * field is an engine option, checked by Kiln like the native API's.
 */
final class PdfRestRequests {

    static final String DIALECT = "pdfrest";

    private final FileService files;
    private final OwnLinks ownLinks;

    PdfRestRequests(FileService files, OwnLinks ownLinks) {
        this.files = files;
        this.ownLinks = ownLinks;
    }

    JobRequest read(Context ctx, String tenant) {
        String type = Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/form-data")) {
            return multipart(ctx, tenant);
        }
        if (type.startsWith("application/json") || ctx.body().strip().startsWith("{")) {
            return json(ctx, tenant);
        }
        throw new RequestRejected(ErrorCode.MALFORMED_BODY,
                "send application/json {\"source\": URL, \"format\": ext} or multipart/form-data (file, format)");
    }

    private JobRequest json(Context ctx, String tenant) {
        JsonNode body = Json.parse(ctx.body());
        Map<String, String> fields = new LinkedHashMap<>();
        body.properties().forEach(e -> {
            if (!e.getValue().isNull()) {
                fields.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
            }
        });
        String source = Optional.ofNullable(fields.remove("source")).filter(s -> !s.isBlank()).orElseThrow(() ->
                new RequestRejected(ErrorCode.BAD_REQUEST, "source is required: the URL of the document"));
        return request(fields, ownLinks.input(source.trim(), tenant), List.of());
    }

    private JobRequest multipart(Context ctx, String tenant) {
        List<UploadedFile> parts;
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            parts = ctx.uploadedFiles("file");
            ctx.formParamMap().forEach((k, v) -> {
                if (!v.isEmpty()) {
                    fields.put(k, v.getLast());
                }
            });
        } catch (Exception e) { // Jetty's multipart errors arrive as undeclared ServletExceptions
            throw io.kiln.api.Uploads.rejected(e);
        }
        if (parts.size() != 1) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "send exactly one 'file' part");
        }
        String target = PdfRestFormats.target(fields.get("format")); // before storing anything
        StoredFile f;
        try (InputStream in = parts.getFirst().content()) {
            f = files.storeUpload(tenant, parts.getFirst().filename(), in);
        } catch (IOException e) {
            throw new RequestRejected(ErrorCode.MALFORMED_BODY, "the upload could not be read: " + e.getMessage());
        }
        fields.put("format", target);
        return request(fields, JobInput.upload(f.id()), List.of(f));
    }

    private static JobRequest request(Map<String, String> fields, JobInput input, List<StoredFile> uploads) {
        String to = PdfRestFormats.target(fields.remove("format"));
        Map<String, String> options = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (!v.isBlank()) {
                options.put(k.equals("output") ? "name" : k, v.trim());
            }
        });
        return new JobRequest(to, Optional.empty(), options, List.of(input), Optional.empty(), Optional.empty(),
                DIALECT, uploads);
    }
}
