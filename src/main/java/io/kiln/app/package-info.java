/**
 * The composition root ({@link io.kiln.app.Kiln}) that wires every part from a
 * {@link io.kiln.config.KilnConfig}, and the command-line entry point ({@link io.kiln.app.Main}).
 * Adapters between packages that must not know each other live here too.
 */
package io.kiln.app;
