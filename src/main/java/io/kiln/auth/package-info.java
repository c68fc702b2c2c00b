/**
 * API keys and the tenants they belong to, stored hashed (SHA-256). Two places: a node's keys file
 * ({@link io.kiln.auth.ApiKeys}, re-read when it changes) and the database's {@code api_keys}
 * table ({@link io.kiln.auth.JdbcKeyStore}), which every node sharing the database reads through
 * {@link io.kiln.auth.DatabaseKeys} (answers at most a second old). A database key may carry
 * {@link io.kiln.auth.KeyLimits}; {@link io.kiln.auth.RequestWindows} counts its requests a second
 * in the database. Knows nothing of HTTP: the API layer reads the header and calls {@code authenticate}.
 */
package io.kiln.auth;
