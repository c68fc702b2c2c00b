package io.kiln.api;

import io.kiln.job.Job;
import io.kiln.job.JobOutput;
import io.kiln.job.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The native JSON shape of a job (DESIGN §3), with signed links for its outputs. */
public final class JobView {

    private final SignedLinks links;

    public JobView(SignedLinks links) {
        this.links = links;
    }

    public Map<String, Object> render(Job job, String baseUrl, long queuePosition) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", job.id());
        m.put("status", job.status().wire());
        m.put("from", job.from());
        m.put("to", job.to());
        m.put("options", job.options());
        m.put("createdAt", iso(job.createdAt()));
        m.put("startedAt", iso(job.startedAt()));
        m.put("finishedAt", iso(job.finishedAt()));
        m.put("expiresAt", iso(job.expiresAt()));
        m.put("attempts", job.attempts());
        if (job.status() == JobStatus.QUEUED) {
            m.put("queuePosition", queuePosition);
        }
        List<Map<String, Object>> outputs = new ArrayList<>();
        for (JobOutput o : job.outputs()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("fileId", o.fileId());
            out.put("name", o.name());
            out.put("ext", o.ext());
            out.put("size", o.size());
            out.put("sha256", o.sha256());
            out.put("pageCount", o.pageCount());
            out.put("url", baseUrl + links.path(o.fileId(), o.name(), job.expiresAt()));
            out.put("urlExpiresAt", iso(job.expiresAt()));
            outputs.add(out);
        }
        m.put("outputs", outputs);
        m.put("error", job.error() == null ? null
                : Map.of("code", job.error().code().code(), "message", job.error().message()));
        m.put("credits", job.credits());
        m.put("durationMs", job.duration().map(d -> d.toMillis()).orElse(null));
        return m;
    }

    private static String iso(Instant i) {
        return i == null ? null : i.toString();
    }
}
