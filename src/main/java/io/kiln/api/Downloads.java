package io.kiln.api;

import io.javalin.http.Context;
import io.kiln.job.FileService;
import io.kiln.storage.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Streams stored files to the client: one as itself, several as a zip. Never buffers a whole file. */
public final class Downloads {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("gif", "image/gif"),
            Map.entry("bmp", "image/bmp"), Map.entry("tiff", "image/tiff"), Map.entry("webp", "image/webp"),
            Map.entry("json", "application/json"), Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("zip", "application/zip"), Map.entry("csv", "text/csv"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"),
            Map.entry("ods", "application/vnd.oasis.opendocument.spreadsheet"),
            Map.entry("odp", "application/vnd.oasis.opendocument.presentation"), Map.entry("rtf", "application/rtf"),
            Map.entry("fdf", "application/vnd.fdf"), Map.entry("xfdf", "application/vnd.adobe.xfdf"));

    private Downloads() {
    }

    public static String contentType(String ext) {
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    public static void one(Context ctx, FileService files, StoredFile f) throws IOException {
        // the length is the stored file's: compressing on the way would make it a lie
        ctx.disableCompression();
        ctx.contentType(contentType(f.ext()));
        ctx.header("Content-Length", Long.toString(f.size()));
        ctx.header("Content-Disposition", disposition(f.name()));
        ctx.header("ETag", "\"" + f.sha256() + "\"");
        ctx.result(files.open(f));
    }

    public static void zip(Context ctx, FileService files, List<StoredFile> all, String zipName) throws IOException {
        ctx.disableCompression(); // already compressed
        ctx.contentType(contentType("zip"));
        ctx.header("Content-Disposition", disposition(zipName));
        OutputStream raw = ctx.res().getOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(raw)) {
            for (StoredFile f : all) {
                zip.putNextEntry(new ZipEntry(f.name()));
                try (InputStream in = files.open(f)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
    }

    private static String disposition(String name) {
        String ascii = name.replaceAll("[^\\x20-\\x7e]", "_").replace("\"", "");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
