package io.kiln.webhook;

import io.kiln.job.Job;

/**
 * The bodies of webhook calls. Rendering a job is the API layer's business, so the composition
 * root supplies this; each method must return the same JSON a client polling the job would get.
 */
public interface WebhookPayloads {

    /** The native job JSON (DESIGN §3), POSTed to native and pdfRest webhooks. */
    String nativeJson(Job job);

    /** The PDF.co job-check answer ({@code status, message, url, jobId, …}), POSTed to PDF.co callbacks. */
    String pdfcoJson(Job job);
}
