package io.kiln.dialect.pdfco;

import io.kiln.job.Job;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code /v1/job/check} answer: {@code status} ({@code working}, {@code success}, {@code failed},
 * {@code aborted}, {@code unknown}), {@code message}, {@code pageCount}, {@code url},
 * {@code outputLinkValidTill}, {@code jobId}, {@code credits}, {@code remainingCredits},
 * {@code jobDuration}, {@code duration}. An id never seen is {@code working}, as PDF.co documents,
 * and {@code unknown} only when the check is forced; either way its {@code message} says the id is unknown.
 */
final class JobCheckView {

    private final PdfCoLinks links;
    private final PdfInfoView info;

    JobCheckView(PdfCoLinks links, PdfInfoView info) {
        this.links = links;
        this.info = info;
    }

    Map<String, Object> render(String base, String jobId, Optional<Job> found, boolean force, Instant now,
                               long remaining, long durationMs) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (found.isEmpty() || !found.get().status().isTerminal()) {
            m.put("status", found.isEmpty() && force ? "unknown" : "working");
            if (found.isEmpty()) {
                // working, as PDF.co documents for an id that does not exist; the message keeps a client
                // that logs it from polling a mistyped, deleted or expired id without a clue
                m.put("message", force ? "Unknown job id" : "Unknown job id " + jobId + ": it may be mistyped, "
                        + "deleted or expired (status stays working unless force is true)");
            }
            m.put("jobId", jobId);
            m.put("remainingCredits", remaining);
            m.put("duration", durationMs);
            return m;
        }
        Job job = found.get();
        m.put("status", job.status().wire());
        switch (job.status()) {
            case SUCCESS -> success(m, base, job, now);
            case FAILED -> m.put("message", job.error() == null ? "Failed" : job.error().message());
            default -> m.put("message", job.error() == null ? "Aborted" : job.error().message());
        }
        m.put("jobId", job.id());
        m.put("credits", job.credits());
        m.put("remainingCredits", remaining);
        job.duration().ifPresent(d -> m.put("jobDuration", d.toMillis()));
        m.put("duration", durationMs);
        return m;
    }

    private void success(Map<String, Object> m, String base, Job job, Instant now) {
        Instant expires = links.expiry(job, now, PdfCoLinks.DEFAULT_LIFE);
        PdfCoMethod.Answer answer = PdfCoMethod.answerFor(job.to());
        m.put("message", "Success");
        m.put("pageCount", answer == PdfCoMethod.Answer.INFO ? info.render(job).get("PageCount")
                : ConversionView.pageCount(job));
        m.put("url", answer == PdfCoMethod.Answer.FILE && job.outputs().size() == 1
                ? links.output(base, job.outputs().getFirst(), expires)
                : links.result(base, job, resultName(job), expires));
        m.put("outputLinkValidTill", expires.toString());
    }

    private static String resultName(Job job) {
        String first = job.outputs().isEmpty() ? "result" : job.outputs().getFirst().name();
        int dot = first.lastIndexOf('.');
        return (dot > 0 ? first.substring(0, dot) : first) + ".json";
    }
}
