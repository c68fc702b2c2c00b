/**
 * Command-line tools besides {@code serve}: key administration and a small conversion client.
 * Read their settings from flags and environment through {@code config}'s rule.
 */
package io.kiln.cli;
