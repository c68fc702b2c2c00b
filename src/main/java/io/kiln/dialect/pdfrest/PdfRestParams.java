package io.kiln.dialect.pdfrest;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.kiln.api.Json;
import io.kiln.api.Uploads;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A pdfRest operation's parameters, from a multipart form or a JSON object (pdfRest's samples send
 * both). A multipart array parameter carries a {@code []} suffix ({@code pages[]}); a JSON one is an
 * array. Both are read under the bare name, so {@code list("pages")} sees either.
 */
final class PdfRestParams {

    private final Map<String, List<String>> values;
    private final List<UploadedFile> files;
    /** File parts under other names ({@code watermark_file}, {@code image_file}, {@code data_file}), by name. */
    private final Map<String, List<UploadedFile>> otherFiles;

    private PdfRestParams(Map<String, List<String>> values, List<UploadedFile> files,
                          Map<String, List<UploadedFile>> otherFiles) {
        this.values = values;
        this.files = files;
        this.otherFiles = otherFiles;
    }

    static PdfRestParams read(Context ctx) {
        String type = Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase(Locale.ROOT);
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (type.startsWith("multipart/form-data")) {
            try {
                ctx.formParamMap().forEach((k, v) -> values.computeIfAbsent(bare(k), x -> new ArrayList<>()).addAll(v));
                List<UploadedFile> files = new ArrayList<>(ctx.uploadedFiles("file"));
                files.addAll(ctx.uploadedFiles("file[]"));
                Map<String, List<UploadedFile>> otherFiles = new LinkedHashMap<>();
                for (String other : List.of("watermark_file", "profile", "image_file", "data_file")) {
                    if (!ctx.uploadedFiles(other).isEmpty()) {
                        values.put(other, List.of("(a file)"));
                        otherFiles.put(other, ctx.uploadedFiles(other));
                    }
                }
                return new PdfRestParams(values, files, otherFiles);
            } catch (Exception e) { // Jetty's multipart errors arrive as undeclared ServletExceptions
                throw Uploads.rejected(e);
            }
        }
        String body = ctx.body();
        if (type.startsWith("application/json") || body.strip().startsWith("{")) {
            JsonNode json = Json.parse(body);
            if (!json.isObject()) {
                throw new RequestRejected(ErrorCode.MALFORMED_BODY, "send the parameters as a JSON object");
            }
            json.properties().forEach(e -> values.put(bare(e.getKey()), texts(e.getValue())));
            return new PdfRestParams(values, List.of(), Map.of());
        }
        throw new RequestRejected(ErrorCode.MALFORMED_BODY,
                "send multipart/form-data (file or id, and the parameters) or application/json {\"id\": ...}");
    }

    private static String bare(String name) {
        return name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
    }

    private static List<String> texts(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(item -> out.addAll(texts(item)));
        } else if (!n.isNull()) {
            out.add(n.isValueNode() ? n.asText() : n.toString());
        }
        return out;
    }

    /** The uploaded {@code file} parts, in order. */
    List<UploadedFile> files() {
        return files;
    }

    /** The file parts sent under {@code name}, one of {@code watermark_file}, {@code profile}, {@code image_file}, {@code data_file}. */
    List<UploadedFile> files(String name) {
        return otherFiles.getOrDefault(name, List.of());
    }

    /** The last non-blank value given for {@code name}. */
    Optional<String> text(String name) {
        List<String> all = list(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    /** Every non-blank value given for {@code name} (or {@code name[]}), in order. */
    List<String> list(String name) {
        return values.getOrDefault(name, List.of()).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    boolean has(String name) {
        return !list(name).isEmpty();
    }

    /** {@code true}/{@code false} (pdfRest's spelling), or {@code fallback} when absent. */
    boolean flag(String name, boolean fallback) {
        return text(name).map(s -> switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "on", "1" -> true;
            case "false", "off", "0" -> false;
            default -> throw new RequestRejected(ErrorCode.INVALID_OPTION, name + " must be true or false");
        }).orElse(fallback);
    }

    String required(String name) {
        return text(name).orElseThrow(() -> new RequestRejected(ErrorCode.BAD_REQUEST, name + " is required"));
    }
}
