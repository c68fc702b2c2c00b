/**
 * The hardening suite (issue 14): each scenario is a real fault on this machine — kill -9 of the
 * server's process group, a database or bucket that goes away, a full disk, hostile documents and
 * requests, SSRF tries, another tenant's guesses — and prints what it tried and what was lost as one
 * row of figures ({@link io.kiln.hardening.Figures}), gathered in {@code docs/reliability.md}. Every
 * scenario runs at a quick scale in {@code ./kiln test}; {@code ./kiln test --hardening} runs them all
 * at full scale ({@link io.kiln.hardening.Scale}).
 */
package io.kiln.hardening;
