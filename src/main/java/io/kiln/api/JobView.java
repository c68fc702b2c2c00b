package io.kiln.api;

import io.kiln.job.Job;
import io.kiln.job.JobOutput;
import io.kiln.job.JobStatus;
import io.kiln.webhook.Attempt;
import io.kiln.webhook.Delivery;
import io.kiln.webhook.DeliveryStatus;
import io.kiln.webhook.WebhookLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The native JSON shape of a job (DESIGN §3), with signed links for its outputs. */
public final class JobView {

    private final SignedLinks links;
    private final WebhookLog webhooks;

    public JobView(SignedLinks links, WebhookLog webhooks) {
        this.links = links;
        this.webhooks = webhooks;
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
        if (job.webhook() != null) {
            m.put("webhook", webhook(job));
        }
        m.put("durationMs", job.duration().map(d -> d.toMillis()).orElse(null));
        return m;
    }

    /** The webhook URL and every delivery attempt so far. */
    private Map<String, Object> webhook(Job job) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("url", job.webhook());
        Optional<Delivery> d = webhooks.delivery(job.tenant(), job.id());
        w.put("status", d.map(x -> x.status().wire()).orElse(job.status().isTerminal() ? "pending" : "waiting"));
        List<Map<String, Object>> attempts = new ArrayList<>();
        for (Attempt a : d.map(Delivery::history).orElse(List.of())) {
            Map<String, Object> at = new LinkedHashMap<>();
            at.put("attempt", a.attempt());
            at.put("at", iso(a.at()));
            at.put("status", a.status());
            at.put("error", a.error());
            at.put("durationMs", a.durationMs());
            attempts.add(at);
        }
        w.put("attempts", attempts);
        d.filter(x -> x.status() == DeliveryStatus.PENDING)
                .ifPresent(x -> w.put("nextAttemptAt", iso(x.nextAttemptAt())));
        return w;
    }

    private static String iso(Instant i) {
        return i == null ? null : i.toString();
    }
}
