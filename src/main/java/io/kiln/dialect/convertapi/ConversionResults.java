package io.kiln.dialect.convertapi;

import com.fasterxml.jackson.core.JsonGenerator;
import io.javalin.http.Context;
import io.kiln.api.Json;
import io.kiln.api.SignedLinks;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import io.kiln.job.FileService;
import io.kiln.job.Job;
import io.kiln.job.JobOutput;
import io.kiln.storage.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A successful job in ConvertAPI's result shape: {@code {ConversionCost, ConversionTime, Files:
 * [{FileName, FileExt, FileSize, FileId, Url}]}}, or with {@code FileData} (Base64, streamed as it
 * is read) in place of {@code FileId}/{@code Url} when the client did not ask to store the files.
 */
final class ConversionResults {

    private final FileService files;
    private final SignedLinks links;
    private final String prefix;

    /** @param prefix where the dialect is mounted: result links point at its {@code /d} route, as ConvertAPI's do */
    ConversionResults(FileService files, SignedLinks links, String prefix) {
        this.files = files;
        this.links = links;
        this.prefix = prefix;
    }

    void write(Context ctx, Job job, String baseUrl, boolean storeFile) throws IOException {
        List<StoredFile> outputs = new ArrayList<>();
        for (JobOutput o : job.outputs()) {
            outputs.add(files.find(job.tenant(), o.fileId()).orElseThrow(() ->
                    new RequestRejected(ErrorCode.NOT_FOUND, "the result of job " + job.id() + " has expired")));
        }
        ctx.status(200).contentType("application/json");
        if (storeFile) {
            ctx.result(Json.write(linked(job, outputs, baseUrl)));
            return;
        }
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(ctx.res().getOutputStream())) {
            g.writeStartObject();
            g.writeNumberField("ConversionCost", job.credits());
            g.writeNumberField("ConversionTime", seconds(job));
            g.writeArrayFieldStart("Files");
            for (StoredFile f : outputs) {
                g.writeStartObject();
                g.writeStringField("FileName", f.name());
                g.writeStringField("FileExt", f.ext());
                g.writeNumberField("FileSize", f.size());
                g.writeFieldName("FileData");
                try (InputStream in = files.open(f)) {
                    g.writeBinary(in, -1);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private Map<String, Object> linked(Job job, List<StoredFile> outputs, String baseUrl) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (StoredFile f : outputs) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("FileName", f.name());
            file.put("FileExt", f.ext());
            file.put("FileSize", f.size());
            file.put("FileId", f.id());
            file.put("Url", baseUrl + links.path(prefix + "/d", f.id(), f.name(), job.expiresAt()));
            list.add(file);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ConversionCost", job.credits());
        body.put("ConversionTime", seconds(job));
        body.put("Files", list);
        return body;
    }

    /** Whole seconds, rounded up, as ConvertAPI counts them. */
    private static long seconds(Job job) {
        return job.duration().map(d -> Math.max(1, (d.toMillis() + 999) / 1000)).orElse(0L);
    }
}
