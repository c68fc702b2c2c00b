package io.kiln.webhook;

import io.kiln.job.Job;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Builds the call for one attempt in the style of the job's dialect. */
final class WebhookRequests {

    private final WebhookPayloads payloads;
    private final WebhookSigner signer;

    WebhookRequests(WebhookPayloads payloads, WebhookSigner signer) {
        this.payloads = payloads;
        this.signer = signer;
    }

    /** @throws URISyntaxException when the stored URL is not a URL at all */
    WebhookRequest build(Delivery d, Job job, Instant now) throws URISyntaxException {
        URI url = new URI(d.url().strip());
        return switch (DeliveryStyle.of(d.dialect())) {
            case CONVERTAPI_GET -> new WebhookRequest("GET", withJobId(url, job.id()), Map.of(), null);
            case PDFCO_POST -> new WebhookRequest("POST", url, Map.of(), payloads.pdfcoJson(job));
            case SIGNED_JOB_JSON -> signed(d, url, payloads.nativeJson(job), now);
        };
    }

    private WebhookRequest signed(Delivery d, URI url, String body, Instant now) {
        long timestamp = now.getEpochSecond();
        return new WebhookRequest("POST", url, Map.of(
                "webhook-id", d.id(),
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", signer.sign(d.id(), timestamp, body)), body);
    }

    /** {@code url?JobId=id}, or {@code url&JobId=id} when it has a query already. */
    static URI withJobId(URI url, String jobId) throws URISyntaxException {
        String text = url.toString();
        int hash = text.indexOf('#');
        String base = hash < 0 ? text : text.substring(0, hash); // a fragment is never sent anyway
        String separator = url.getRawQuery() == null ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
        return new URI(base + separator + "JobId=" + URLEncoder.encode(jobId, StandardCharsets.UTF_8));
    }
}
