package io.kiln.dialect.pdfco;

import io.kiln.api.OwnLinks;
import io.kiln.api.SignedLinks;
import io.kiln.job.Job;
import io.kiln.job.JobInput;
import io.kiln.job.JobOutput;
import io.kiln.job.JobService;
import io.kiln.job.JobStatus;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The links PDF.co answers carry. Outputs are Kiln's signed file links; an async call's {@code url} is a
 * signed result link, {@code {prefix}/v1/pdfco/results/{token}/{name}}, made before the output exists
 * (the token names tenant and job). Either kind passed back as an input is resolved to the stored file.
 */
final class PdfCoLinks {

    /** PDF.co's default output link lifetime. */
    static final Duration DEFAULT_LIFE = Duration.ofMinutes(60);
    static final String RESULTS = "/v1/pdfco/results/";

    /** A job named by a result link. */
    record JobRef(String tenant, String jobId) {
    }

    private final SignedLinks links;
    private final OwnLinks ownLinks;
    private final JobService jobs;
    private final Clock clock;
    private final Pattern resultPath;
    private final String prefix;

    PdfCoLinks(SignedLinks links, OwnLinks ownLinks, JobService jobs, Clock clock, String prefix) {
        this.links = links;
        this.ownLinks = ownLinks;
        this.jobs = jobs;
        this.clock = clock;
        this.prefix = prefix;
        this.resultPath = Pattern.compile("^" + Pattern.quote(prefix + RESULTS) + "([A-Za-z0-9_-]+)/[^/]+$");
    }

    /** When links made now for {@code job} stop working: after {@code life}, and never after the job. */
    Instant expiry(Job job, Instant from, Duration life) {
        Instant wanted = from.plus(life);
        return job.expiresAt() != null && job.expiresAt().isBefore(wanted) ? job.expiresAt() : wanted;
    }

    String output(String base, JobOutput o, Instant expires) {
        return base + links.path(o.fileId(), o.name(), expires);
    }

    String result(String base, Job job, String name, Instant expires) {
        String token = Base64.getUrlEncoder().withoutPadding()
                .encodeToString((job.tenant() + "\n" + job.id()).getBytes(StandardCharsets.UTF_8));
        String signed = links.path(signedId(token), name, expires);
        return base + prefix + RESULTS + token + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                .replace("+", "%20") + signed.substring(signed.indexOf('?'));
    }

    /** The job a result link names, when its signature holds and it has not expired. */
    Optional<JobRef> verify(String token, String expires, String sig) {
        if (!links.valid(signedId(token), expires, sig, clock.instant())) {
            return Optional.empty();
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", 2);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return parts.length == 2 ? Optional.of(new JobRef(parts[0], parts[1])) : Optional.empty();
    }

    /** The input a PDF.co {@code url} stands for: an output of ours, or the URL to fetch. */
    JobInput input(String url, String tenant) {
        String u = url.startsWith("cache:") ? url.substring(6) : url;
        return resultFile(u, tenant).orElseGet(() -> ownLinks.input(u, tenant));
    }

    private Optional<JobInput> resultFile(String url, String tenant) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (Exception e) {
            return Optional.empty();
        }
        Matcher m = resultPath.matcher(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (!m.matches() || uri.getRawQuery() == null) {
            return Optional.empty();
        }
        Map<String, String> q = query(uri.getRawQuery());
        return verify(m.group(1), q.get("expires"), q.get("sig"))
                .filter(ref -> ref.tenant().equals(tenant))
                .flatMap(ref -> jobs.find(ref.tenant(), ref.jobId()))
                .filter(job -> job.status() == JobStatus.SUCCESS && job.outputs().size() == 1
                        && PdfCoMethod.answerFor(job.to()) == PdfCoMethod.Answer.FILE)
                .map(job -> JobInput.file(job.outputs().getFirst().fileId()));
    }

    private static String signedId(String token) {
        return "pdfco-result/" + token;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
