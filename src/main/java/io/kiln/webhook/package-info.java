/**
 * The durable webhook outbox of DESIGN §7. The job store writes a {@code webhook_deliveries} row in
 * the transaction that ends a job; {@link io.kiln.webhook.WebhookSender} claims due rows (optimistic,
 * so several nodes may share the table), calls the receiver in the style of the job's dialect,
 * records every {@link io.kiln.webhook.Attempt}, and retries on the {@link io.kiln.webhook.RetrySchedule}.
 * {@link io.kiln.webhook.WebhookLog} is the read side for job views.
 *
 * <p>Native (and pdfRest) deliveries are signed per Standard Webhooks; see
 * {@link io.kiln.webhook.WebhookSigner} for how a receiver verifies them.
 *
 * <p>Depends on {@code job} (to read the job), {@code db} and {@code fetch} (SSRF rules and the
 * pinned HTTP client); knows nothing of the HTTP API, whose JSON rendering comes in through
 * {@link io.kiln.webhook.WebhookPayloads}.
 */
package io.kiln.webhook;
