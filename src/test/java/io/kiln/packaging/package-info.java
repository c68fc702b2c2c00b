/**
 * What is shipped, checked as a user meets it: the distribution archive run under a bare Java runtime
 * ({@code *IT}, after {@code package}), and the Dockerfile and compose file read for the facts a deployment
 * relies on.
 */
package io.kiln.packaging;
