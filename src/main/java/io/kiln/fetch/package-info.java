/**
 * Fetching URL inputs without letting a client reach what it should not (server-side request
 * forgery). {@link io.kiln.fetch.AddressPolicy} says which addresses may be contacted;
 * {@link io.kiln.fetch.UrlFetcher} downloads a URL to a file with DNS pinned per request, redirects
 * re-checked hop by hop, and size and time limits. Webhook delivery reuses the same policy.
 * Depends only on {@code io.kiln.error} and Jetty's HTTP client; knows nothing of servers or jobs.
 */
package io.kiln.fetch;
