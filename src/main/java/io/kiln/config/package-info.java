/**
 * Configuration: the only package that reads the environment. Every setting has a flag and an
 * environment twin by one rule ({@code --job-ttl} ↔ {@code KILN_JOB_TTL}); values are parsed and
 * validated once at start into immutable records, and a bad value stops the start with one line.
 */
package io.kiln.config;
