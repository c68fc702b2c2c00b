/**
 * The ConvertAPI dialect (DESIGN §4, seeds 003 and 004): {@code POST /convert/{from}/to/{to}},
 * {@code GET|DELETE /job/{id}}, {@code POST /upload} and {@code /d/{fileId}}, also under
 * {@code /async/...}. A thin adapter: it reads ConvertAPI's parameters into a
 * {@link io.kiln.job.JobRequest} (dialect {@code convertapi}), calls {@link io.kiln.job.JobService}
 * and renders the {@link io.kiln.job.Job} in ConvertAPI's shapes, errors included
 * ({@code {"Code", "Message"}}). Polls and deletes need no key, as the seeds write them: the job id
 * (a random UUID, or the client's own) names the job as it does on the hosted service. With a key,
 * only that key's tenant's jobs are found, and a wrong key is a 401. {@code /upload} answers JSON, as
 * ConvertAPI documents for its default, except to {@code Accept: text/plain} and to a request with no
 * {@code Accept} at all, which get the bare id: ConvertAPI's own Java client sends none and reads the
 * body as the id, so the hosted service must answer it so, whatever its page says. Result links point
 * at {@code /d/{id}/{name}} with a signature, and the link alone downloads or deletes the file, as a
 * ConvertAPI client that kept only a result's {@code Url} expects. May depend on {@code api}, {@code job}, {@code storage} and
 * {@code error} types; never on an engine, a store or the file system directly.
 */
package io.kiln.dialect.convertapi;
