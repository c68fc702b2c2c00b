/**
 * What an operator sees of a running server: its metrics (Micrometer's Prometheus registry, fed by
 * the job, engine and webhook layers through their own small interfaces) and where its log lines
 * go. Knows no HTTP: {@code api} serves the scrape.
 */
package io.kiln.observe;
