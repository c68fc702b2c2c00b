/**
 * The ConvertAPI dialect (DESIGN §4, seeds 003 and 004): {@code POST /convert/{from}/to/{to}},
 * {@code GET|DELETE /job/{id}}, {@code POST /upload} and {@code /d/{fileId}}, also under
 * {@code /async/...}. A thin adapter: it reads ConvertAPI's parameters into a
 * {@link io.kiln.job.JobRequest} (dialect {@code convertapi}), calls {@link io.kiln.job.JobService}
 * and renders the {@link io.kiln.job.Job} in ConvertAPI's shapes, errors included
 * ({@code {"Code", "Message"}}). Jobs belong to tenants, so where keys are configured a poll or
 * delete needs the key too (the hosted service polls by id alone); a key-less server answers anyone
 * on loopback, as the seeds' examples do. May depend on {@code api}, {@code job}, {@code storage} and
 * {@code error} types; never on an engine, a store or the file system directly.
 */
package io.kiln.dialect.convertapi;
