package io.kiln.dialect.pdfco;

import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.job.FileNames;
import io.kiln.job.FileService;
import io.kiln.job.Job;
import io.kiln.job.JobOutput;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answers of PDF.co's conversion methods: sync (the result) and async (where it will be). */
final class ConversionView {

    private final PdfCoLinks links;
    private final PdfInfoView info;
    private final FileService files;

    ConversionView(PdfCoLinks links, PdfInfoView info, FileService files) {
        this.links = links;
        this.info = info;
        this.files = files;
    }

    /** {@code {url | urls | info, pageCount, error, status, name, remainingCredits, credits, duration}}. */
    Map<String, Object> sync(String base, Job job, PdfCoMethod method, Instant now, Duration life,
                             boolean inline, long remaining, long durationMs) {
        Map<String, Object> m = new LinkedHashMap<>();
        Instant expires = links.expiry(job, now, life);
        List<String> urls = new ArrayList<>();
        job.outputs().forEach(o -> urls.add(links.output(base, o, expires)));
        int pageCount = pageCount(job);
        switch (method.answer()) {
            case INFO -> {
                Map<String, Object> report = info.render(job);
                pageCount = (Integer) report.get("PageCount");
                m.put("info", report);
            }
            case LIST -> m.put("urls", urls);
            case FILE -> {
                m.put("url", urls.getFirst());
                if (inline) {
                    m.put("body", text(job.tenant(), job.outputs().getFirst()));
                }
            }
        }
        m.put("pageCount", pageCount);
        m.put("error", false);
        m.put("status", 200);
        m.put("name", job.outputs().getFirst().name());
        m.put("outputLinkValidTill", expires.toString());
        m.put("remainingCredits", remaining);
        m.put("credits", job.credits());
        m.put("duration", durationMs);
        return m;
    }

    /** {@code {jobId, url, error, status, name, remainingCredits}}: the url answers once the job succeeds. */
    Map<String, Object> async(String base, Job job, PdfCoMethod method, PdfCoParams params, Instant now,
                              Duration life, long remaining) {
        String name = expectedName(method, params);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jobId", job.id());
        m.put("url", links.result(base, job, name, now.plus(life)));
        m.put("error", false);
        m.put("status", 200);
        m.put("name", name);
        m.put("remainingCredits", remaining);
        return m;
    }

    /** Pages of the outputs; output files when they have none. */
    static int pageCount(Job job) {
        int pages = 0;
        for (JobOutput o : job.outputs()) {
            pages += o.pageCount() == null ? 1 : o.pageCount();
        }
        return pages;
    }

    /** The name PDF.co shows before the output exists: {@code name}, else the input's, else "result". */
    private static String expectedName(PdfCoMethod method, PdfCoParams params) {
        String ext = method.answer() == PdfCoMethod.Answer.FILE ? method.ext : "json";
        String base = params.text("name").map(n -> FileNames.base(FileNames.safe(n, "result")))
                .or(() -> params.text("url").map(ConversionView::lastSegment))
                .filter(b -> !b.isBlank()).orElse("result");
        return base + "." + ext;
    }

    private static String lastSegment(String url) {
        try {
            String path = URI.create(url.split(",")[0].trim()).getPath();
            return path == null ? "" : FileNames.base(FileNames.safe(path, ""));
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private String text(String tenant, JobOutput o) {
        var f = files.find(tenant, o.fileId()).orElseThrow(() ->
                new ConversionFailed(ErrorCode.NOT_FOUND, "the result is gone"));
        try (InputStream in = files.open(f)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConversionFailed(ErrorCode.INTERNAL, "the result cannot be read", e);
        }
    }
}
