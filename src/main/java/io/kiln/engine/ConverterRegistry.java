package io.kiln.engine;

import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * All converters, asked by (from, to). The first converter that declares a pair serves it. Also
 * validates options against what the chosen capability declares, and lists everything for
 * {@code GET /v1/formats}.
 */
public final class ConverterRegistry {

    /** Options every conversion takes, handled by the job layer rather than an engine. */
    public static final List<OptionSpec> COMMON_OPTIONS = List.of(
            OptionSpec.string("name", "base name of the output files"),
            OptionSpec.integer("timeout", 1, 3600, "time limit of this conversion in seconds (at most the server's --task-timeout)"));

    /** A converter and the capability of it that matched. */
    public record Match(Converter converter, Capability capability) {
    }

    /** One row of the formats table. */
    public record Entry(String from, String to, String outputExt, String engine, Availability availability,
                        Capability.Inputs inputs, List<OptionSpec> options) {
    }

    private final List<Converter> converters;

    public ConverterRegistry(List<Converter> converters) {
        this.converters = List.copyOf(converters);
    }

    public List<Converter> converters() {
        return converters;
    }

    public Optional<Match> find(String from, String to) {
        for (Converter c : converters) {
            for (Capability cap : c.capabilities()) {
                if (cap.accepts(from, to)) {
                    return Optional.of(new Match(c, cap));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether any converter produces {@code to} (used before the source format is known). */
    public boolean producesAnything(String to) {
        return converters.stream().flatMap(c -> c.capabilities().stream()).anyMatch(cap -> cap.to().equals(to));
    }

    /** Every source format some converter turns into {@code to}. */
    public TreeSet<String> sourcesFor(String to) {
        TreeSet<String> out = new TreeSet<>();
        converters.forEach(c -> c.capabilities().stream().filter(cap -> cap.to().equals(to))
                .forEach(cap -> out.addAll(cap.from())));
        return out;
    }

    /**
     * Checks option names and values against the capability (plus {@link #COMMON_OPTIONS}).
     *
     * @throws RequestRejected {@code unknown_option} or {@code invalid_option}, naming the option
     */
    public static void validate(Capability cap, Map<String, String> options) {
        for (var e : options.entrySet()) {
            OptionSpec spec = specFor(cap, e.getKey()).orElseThrow(() -> new RequestRejected(ErrorCode.UNKNOWN_OPTION,
                    "unknown option '" + e.getKey() + "' for " + String.join("/", new TreeSet<>(cap.from()))
                            + " → " + cap.to() + "; accepted: " + String.join(", ", optionNames(cap))));
            spec.check(e.getValue()).ifPresent(why -> {
                throw new RequestRejected(ErrorCode.INVALID_OPTION, why);
            });
        }
    }

    private static Optional<OptionSpec> specFor(Capability cap, String name) {
        return java.util.stream.Stream.concat(cap.options().stream(), COMMON_OPTIONS.stream())
                .filter(s -> s.name().equals(name)).findFirst();
    }

    private static List<String> optionNames(Capability cap) {
        List<String> names = new ArrayList<>();
        cap.options().forEach(s -> names.add(s.name()));
        COMMON_OPTIONS.forEach(s -> names.add(s.name()));
        return names;
    }

    /** The option names (its own and the common ones) the conversion from → to takes; empty if nothing serves it. */
    public Optional<java.util.Set<String>> optionNames(String from, String to) {
        return find(from, to).map(m -> java.util.Set.copyOf(optionNames(m.capability())));
    }

    /** One entry per (from, to) pair, sorted, for the formats listing. */
    public List<Entry> table() {
        List<Entry> rows = new ArrayList<>();
        for (Converter c : converters) {
            Availability a = c.availability();
            for (Capability cap : c.capabilities()) {
                for (String from : new TreeSet<>(cap.from())) {
                    if (find(from, cap.to()).map(m -> m.converter() == c).orElse(false)) {
                        rows.add(new Entry(from, cap.to(), cap.outputExt(), c.engine(), a, cap.inputs(), cap.options()));
                    }
                }
            }
        }
        rows.sort(Comparator.comparing(Entry::from).thenComparing(Entry::to));
        return rows;
    }
}
