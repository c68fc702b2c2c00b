package io.kiln.dialect.convertapi;

import java.util.Optional;
import java.util.Set;

/**
 * Which Kiln options a conversion takes, so that ConvertAPI parameters Kiln cannot honour there are
 * dropped (and named in {@link ConvertApiRoutes#IGNORED_HEADER}) rather than refused.
 */
@FunctionalInterface
public interface AcceptedOptions {

    /** The option names the conversion {@code from → to} takes; empty when nothing serves it. */
    Optional<Set<String>> of(String from, String to);
}
