package io.kiln.cli;

import io.kiln.auth.JdbcKeyStore;
import io.kiln.db.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln keys import FILE}: a keys file's keys (hashes, tenants, credits) into the database. */
@Command(name = "import", description = "Copy a keys file's keys into the database; keys already there are left.")
final class KeysImport implements Callable<Integer> {

    @ParentCommand
    KeysCommand parent;

    @Mixin
    KeyPlace place;

    @Parameters(index = "0", paramLabel = "FILE", description = "a keys file")
    Path file;

    @Override
    public Integer call() {
        int added;
        try (Database db = KeyPlace.open(place.config(parent.env()))) {
            added = new JdbcKeyStore(db.dataSource(), Clock.systemUTC()).importFile(file);
        }
        System.out.println("imported " + added + " key(s) from " + file);
        return 0;
    }
}
