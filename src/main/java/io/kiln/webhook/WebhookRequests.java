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

    /** The header naming the request that created the job, as Kiln's HTTP layer answers it. */
    static final String REQUEST_ID = "X-Request-Id";

    private final WebhookPayloads payloads;
    private final WebhookSigner signer;

    WebhookRequests(WebhookPayloads payloads, WebhookSigner signer) {
        this.payloads = payloads;
        this.signer = signer;
    }

    /** @throws URISyntaxException when the stored URL is not a URL at all */
    /**
     * @param requestId the id of the request that created the job, sent as {@code X-Request-Id} so a
     *                  receiver can tie the call to the request; null when unknown
     */
    WebhookRequest build(Delivery d, Job job, Instant now, String requestId) throws URISyntaxException {
        URI url = new URI(d.url().strip());
        Map<String, String> headers = requestId == null ? Map.of() : Map.of(REQUEST_ID, requestId);
        return switch (DeliveryStyle.of(d.dialect())) {
            case CONVERTAPI_GET -> new WebhookRequest("GET", withJobId(url, job.id()), headers, null);
            case PDFCO_POST -> new WebhookRequest("POST", url, headers, payloads.pdfcoJson(job));
            case SIGNED_JOB_JSON -> signed(d, url, payloads.nativeJson(job), now, headers);
        };
    }

    private WebhookRequest signed(Delivery d, URI url, String body, Instant now, Map<String, String> extra) {
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new java.util.LinkedHashMap<>(extra);
        headers.put("webhook-id", d.id());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", signer.sign(d.id(), timestamp, body));
        return new WebhookRequest("POST", url, Map.copyOf(headers), body);
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
