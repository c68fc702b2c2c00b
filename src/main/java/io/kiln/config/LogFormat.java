package io.kiln.config;

import java.util.Locale;

/** How log lines are written: text for people, JSON (one object a line) for collectors. */
public enum LogFormat {
    TEXT, JSON;

    static LogFormat parse(String source, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": '" + value + "' is not text or json");
        }
    }
}
