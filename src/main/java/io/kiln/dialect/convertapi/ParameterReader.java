package io.kiln.dialect.convertapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.kiln.api.ContentDisposition;
import io.kiln.api.Json;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Collects ConvertAPI parameters from the query and the body: a urlencoded or multipart form, a JSON
 * {@code {"Parameters": [{"Name", "Value" | "FileValue" | "FileValues"}]}} document, or a raw file
 * body named by {@code Content-Disposition}. Nothing is stored here.
 */
final class ParameterReader {

    Parameters read(Context ctx) {
        Parameters p = new Parameters();
        ctx.queryParamMap().forEach((k, vs) -> vs.forEach(v -> p.addText(k, v)));
        String type = Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/form-data")) {
            multipart(ctx, p);
        } else if (type.startsWith("application/x-www-form-urlencoded")) {
            ctx.formParamMap().forEach((k, vs) -> vs.forEach(v -> p.addText(k, v)));
        } else if (type.startsWith("application/json")) {
            json(ctx.body(), p);
        } else {
            ContentDisposition.filename(ctx.header("Content-Disposition")).ifPresent(name ->
                    p.add("File", new ParameterValue.Content(name, ctx::bodyInputStream)));
        }
        return p;
    }

    private static void multipart(Context ctx, Parameters p) {
        try {
            ctx.formParamMap().forEach((k, vs) -> vs.forEach(v -> p.addText(k, v)));
            ctx.uploadedFileMap().forEach((k, parts) -> {
                for (UploadedFile part : parts) {
                    p.add(k, new ParameterValue.Content(part.filename(), part::content));
                }
            });
        } catch (Exception e) { // Jetty's multipart errors arrive as undeclared ServletExceptions
            throw io.kiln.api.Uploads.rejected(e);
        }
    }

    private static void json(String body, Parameters p) {
        JsonNode params = Json.parse(body).path("Parameters");
        if (!params.isArray()) {
            throw new RequestRejected(ErrorCode.MALFORMED_BODY, "the JSON body needs a \"Parameters\" array");
        }
        for (JsonNode param : params) {
            String name = param.path("Name").asText("");
            if (name.isBlank()) {
                throw new RequestRejected(ErrorCode.MALFORMED_BODY, "every parameter needs a \"Name\"");
            }
            if (param.hasNonNull("FileValue")) {
                p.add(name, fileValue(name, param.get("FileValue")));
            }
            for (JsonNode f : param.path("FileValues")) {
                p.add(name, fileValue(name, f));
            }
            JsonNode value = param.get("Value");
            if (value != null && !value.isNull()) {
                p.addText(name, value.isValueNode() ? value.asText() : value.toString());
            }
        }
    }

    /** {@code {"Url"}}, {@code {"Id"}} or {@code {"Name", "Data"}} (Base64). */
    private static ParameterValue fileValue(String param, JsonNode f) {
        if (f.hasNonNull("Url")) {
            return new ParameterValue.Text(f.get("Url").asText());
        }
        if (f.hasNonNull("Id")) {
            return new ParameterValue.Text(f.get("Id").asText());
        }
        if (f.hasNonNull("Data")) {
            byte[] data;
            try {
                data = Base64.getMimeDecoder().decode(f.get("Data").asText());
            } catch (IllegalArgumentException e) {
                throw new RequestRejected(ErrorCode.MALFORMED_BODY, param + ": \"Data\" is not valid Base64");
            }
            String name = f.path("Name").asText("file");
            return new ParameterValue.Content(name, () -> new ByteArrayInputStream(data));
        }
        throw new RequestRejected(ErrorCode.BAD_REQUEST, param + ": a file value needs \"Url\", \"Id\" or \"Data\"");
    }
}
