package io.kiln.config;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Raw string values by the one rule: a flag wins over its environment twin, which wins over the
 * default. Accepts {@code --name value} and {@code --name=value}.
 */
public final class RawSettings {

    private final Map<Setting, String> values = new EnumMap<>(Setting.class);
    private final Map<Setting, String> sources = new EnumMap<>(Setting.class);

    private RawSettings() {
    }

    public static RawSettings from(String[] args, Map<String, String> env) {
        RawSettings raw = new RawSettings();
        for (Setting s : Setting.values()) {
            String v = env.get(s.env());
            if (v != null) {
                raw.values.put(s, v);
                raw.sources.put(s, s.env());
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            Setting s = bySetting(name);
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (s.isSwitch() && (i + 1 == args.length || args[i + 1].startsWith("--"))) {
                value = "true"; // a switch given alone turns it on
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new ConfigException(name + ": a value is required");
            }
            raw.values.put(s, value);
            raw.sources.put(s, s.flag());
        }
        return raw;
    }

    private static Setting bySetting(String flag) {
        for (Setting s : Setting.values()) {
            if (s.flag().equals(flag)) {
                return s;
            }
        }
        throw new ConfigException("unknown option " + flag + " (see --help)");
    }

    /** The value, or the default; blank defaults mean "derive it". */
    public String get(Setting s) {
        return values.getOrDefault(s, s.defaultValue()).trim();
    }

    public Optional<String> explicit(Setting s) {
        return Optional.ofNullable(values.get(s)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** Where a value came from, for error messages: the flag or environment variable name. */
    public String source(Setting s) {
        return sources.getOrDefault(s, s.flag());
    }
}
