package io.kiln.config;

/** A setting that cannot be used; the message is the one line printed before refusing to start. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
