package io.kiln.dialect.pdfrest;

import io.kiln.api.SignedLinks;
import io.kiln.job.Job;
import io.kiln.job.JobOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A job as {@code /request-status/{id}} shows it: the HTTP status and the body. */
final class RequestStatusView {

    /** The failure status: the poll was fine, the document could not be processed. */
    static final int FAILED = 422;

    record Answer(int status, Map<String, Object> body) {
    }

    private final SignedLinks links;

    RequestStatusView(SignedLinks links) {
        this.links = links;
    }

    Answer render(String base, Job job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", job.id());
        switch (job.status()) {
            case QUEUED, WORKING -> {
                m.put("status", "processing");
                return new Answer(202, m);
            }
            case SUCCESS -> {
                List<String> urls = new ArrayList<>();
                for (JobOutput o : job.outputs()) {
                    urls.add(base + links.path(o.fileId(), o.name(), job.expiresAt()));
                }
                m.put("status", "completed");
                m.put("result", urls.getFirst());
                if (urls.size() > 1) {
                    m.put("results", urls);
                }
                return new Answer(200, m);
            }
            default -> {
                m.put("status", "failed");
                m.put("error", job.error() == null ? "the request was cancelled" : job.error().message());
                return new Answer(FAILED, m);
            }
        }
    }
}
