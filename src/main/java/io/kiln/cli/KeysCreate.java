package io.kiln.cli;

import io.kiln.auth.ApiKeys;
import io.kiln.auth.IssuedKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code kiln keys create}: adds a hashed key to the keys file {@code serve} reads (one node's keys). */
@Command(name = "create", description = "Create a key in this node's keys file; the key is printed alone on the last line.")
final class KeysCreate implements Callable<Integer> {

    @ParentCommand
    KeysCommand parent;

    @Mixin
    KeyPlace place;

    @Mixin
    KeyOwner owner;

    @Override
    public Integer call() {
        ApiKeys keys = ApiKeys.load(place.config(parent.env()).security().keysFile());
        IssuedKey key = keys.create(owner.tenant, owner.creditBalance());
        System.out.println("created a key for tenant " + key.principal().tenant() + " in " + keys.file()
                + " (id " + key.principal().keyId() + "); it is shown once:");
        System.out.println(key.key());
        return 0;
    }
}
