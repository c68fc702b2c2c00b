package io.kiln.dialect.convertapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns ConvertAPI's converter parameters into Kiln options: a few by name ({@code PageRange} →
 * {@code pages}, {@code FileName} → {@code name}, …), any other whose name is an option of the
 * conversion as it is. The rest are dropped and reported, never refused: ConvertAPI clients send
 * parameters (e.g. {@code PdfVersion}) that Kiln has no use for.
 */
final class OptionNames {

    /** Parameters that steer the request rather than the conversion. */
    static final Set<String> CONTROL = Set.of("secret", "token", "file", "files", "url", "storefile", "async",
            "jobid", "webhook");

    /** ConvertAPI parameter (lower-case) → Kiln option. */
    private static final Map<String, String> MAPPED = Map.of(
            "pagerange", "pages", "password", "password", "filename", "name", "timeout", "timeout",
            "imageresolution", "dpi", "jpgquality", "quality", "userpassword", "userPassword",
            "ownerpassword", "ownerPassword");

    /** Options every conversion takes; the only ones passed on when the conversion is not known yet. */
    private static final Set<String> UNIVERSAL = Set.of("name", "timeout");

    /** The options to send, and the parameters (as spelled) that were dropped. */
    record Mapped(Map<String, String> options, List<String> ignored) {
    }

    private OptionNames() {
    }

    /** @param accepted the options of the conversion, empty when it is not known before converting */
    static Mapped map(Parameters params, Optional<Set<String>> accepted) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (String name : params.names()) {
            Optional<String> value = params.text(name);
            if (CONTROL.contains(name) || value.isEmpty()) {
                continue;
            }
            String option = MAPPED.getOrDefault(name, accepted.flatMap(a -> a.stream()
                    .filter(o -> o.equalsIgnoreCase(name)).findFirst()).orElse(null));
            boolean takes = option != null && accepted.map(a -> a.contains(option)).orElse(UNIVERSAL.contains(option));
            if (takes) {
                options.put(option, value.get());
            } else {
                ignored.add(params.spelled(name));
            }
        }
        return new Mapped(options, ignored);
    }
}
