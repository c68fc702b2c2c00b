package io.kiln.cli;

import io.kiln.auth.JdbcKeyStore;
import io.kiln.db.Database;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln keys revoke ID}: every node sharing the database refuses the key within a second. */
@Command(name = "revoke", description = "Revoke a database key by its id (as keys list shows it).")
final class KeysRevoke implements Callable<Integer> {

    @ParentCommand
    KeysCommand parent;

    @Mixin
    KeyPlace place;

    @Parameters(index = "0", paramLabel = "ID", description = "the key's id")
    String id;

    @Override
    public Integer call() {
        try (Database db = KeyPlace.open(place.config(parent.env()))) {
            if (!new JdbcKeyStore(db.dataSource(), Clock.systemUTC()).revoke(id)) {
                System.err.println("kiln: no unrevoked key with id " + id + " in the database"
                        + " (a key in a keys file is revoked by deleting its line)");
                return 1;
            }
        }
        System.out.println("revoked key " + id);
        return 0;
    }
}
