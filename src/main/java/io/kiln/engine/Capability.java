package io.kiln.engine;

import java.util.List;
import java.util.Set;

/**
 * One conversion an engine offers: source formats, one target, the options it takes and how many
 * inputs it accepts. Formats are lower-case extensions ({@code pdf}, {@code png}); some targets are
 * operations on the source format ({@code merge}, {@code split}, {@code info}, {@code rotate},
 * {@code encrypt}, {@code decrypt}) whose output extension is {@link #outputExt()}.
 */
public record Capability(Set<String> from, String to, String outputExt, List<OptionSpec> options,
                         Inputs inputs) {

    /** How many input files a conversion takes. */
    public enum Inputs {
        /** exactly one */
        ONE,
        /** one or more, combined into one result (merge, images to one pdf) */
        MANY,
        /**
         * one document (of a {@code from} format) followed by any number of supporting files of any
         * format, found by the document under their file names (an HTML page's images, CSS, fonts)
         */
        ASSETS
    }

    public Capability {
        from = Set.copyOf(from);
        options = List.copyOf(options);
    }

    public boolean accepts(String fromFormat, String toFormat) {
        return to.equals(toFormat) && from.contains(fromFormat);
    }
}
