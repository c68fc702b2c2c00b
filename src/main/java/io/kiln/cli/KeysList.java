package io.kiln.cli;

import io.kiln.auth.JdbcKeyStore;
import io.kiln.auth.StoredKey;
import io.kiln.db.Database;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code kiln keys list}: the database's keys, one a line; never a secret, which is not kept. */
@Command(name = "list", description = "List the database's keys: id, tenant, created, revoked, credits, limits.")
final class KeysList implements Callable<Integer> {

    @ParentCommand
    KeysCommand parent;

    @Mixin
    KeyPlace place;

    @Override
    public Integer call() {
        try (Database db = KeyPlace.open(place.config(parent.env()))) {
            System.out.println("id\ttenant\tcreated\trevoked\tcredits\tlimits");
            for (StoredKey k : new JdbcKeyStore(db.dataSource(), Clock.systemUTC()).list()) {
                System.out.println(String.join("\t", k.id(), k.tenant(), k.created().toString(),
                        k.revoked().map(Object::toString).orElse("-"),
                        k.credits().isPresent() ? Long.toString(k.credits().getAsLong()) : "-", k.limits().describe()));
            }
        }
        return 0;
    }
}
