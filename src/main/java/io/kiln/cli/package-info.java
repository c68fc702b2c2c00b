/**
 * Command-line tools besides {@code serve}: key administration ({@code keys add | list | revoke |
 * import} on the database, {@code keys create} on the keys file) and a small conversion client.
 * Read their settings from flags and environment through {@code config}'s rule.
 */
package io.kiln.cli;
