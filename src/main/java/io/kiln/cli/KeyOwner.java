package io.kiln.cli;

import java.util.OptionalLong;
import picocli.CommandLine.Option;

/** Whose a new key is and what it may spend: the options {@code keys create} and {@code keys add} share. */
final class KeyOwner {

    @Option(names = "--tenant", description = "tenant that owns the key's jobs (default: default)")
    String tenant = "default";

    @Option(names = "--credits", description = "credit balance of the key")
    Long credits;

    OptionalLong creditBalance() {
        return credits == null ? OptionalLong.empty() : OptionalLong.of(credits);
    }
}
