package io.kiln.cli;

import io.kiln.auth.ApiKeys;
import io.kiln.auth.IssuedKey;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kiln keys create}: adds a hashed key to the keys file {@code serve} reads (one node's keys). */
@Command(name = "create", description = "Create a key in this node's keys file; the key is printed alone on the last line.")
final class KeysCreate implements Callable<Integer> {

    @ParentCommand
    KeysCommand parent;

    @Mixin
    KeyPlace place;

    @Option(names = "--tenant", description = "tenant that owns the key's jobs (default: default)")
    String tenant = "default";

    @Option(names = "--credits", description = "credit balance of the key")
    Long credits;

    @Override
    public Integer call() {
        ApiKeys keys = ApiKeys.load(place.config(parent.env()).security().keysFile());
        IssuedKey key = keys.create(tenant, credits == null ? OptionalLong.empty() : OptionalLong.of(credits));
        System.out.println("created a key for tenant " + key.principal().tenant() + " in " + keys.file()
                + " (id " + key.principal().keyId() + "); it is shown once:");
        System.out.println(key.key());
        return 0;
    }
}
