package io.kiln.cli;

import io.kiln.auth.IssuedKey;
import io.kiln.auth.JdbcKeyStore;
import io.kiln.auth.KeyLimits;
import io.kiln.config.ConfigLoader;
import io.kiln.config.KilnConfig;
import io.kiln.db.Database;
import java.time.Clock;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kiln keys add}: a key in the database, honoured by every node that shares it within a second. */
@Command(name = "add", description = "Add a key to the database (every node sharing it honours the key);"
        + " the key is printed alone on the last line.")
final class KeysAdd implements Callable<Integer> {

    @ParentCommand
    KeysCommand parent;

    @Mixin
    KeyPlace place;

    @Mixin
    KeyOwner owner;

    @Option(names = "--rps", description = "requests a second the key may make, on all nodes together")
    Integer rps;

    @Option(names = "--max-jobs", description = "jobs of the key that may be queued or running at once")
    Integer maxJobs;

    @Option(names = "--max-upload", description = "largest request body the key may send, e.g. 10m")
    String maxUpload;

    @Override
    public Integer call() {
        KeyLimits limits = new KeyLimits(rps == null ? OptionalInt.empty() : OptionalInt.of(rps),
                maxJobs == null ? OptionalInt.empty() : OptionalInt.of(maxJobs),
                maxUpload == null ? OptionalLong.empty() : OptionalLong.of(ConfigLoader.size("--max-upload", maxUpload)));
        KilnConfig config = place.config(parent.env());
        try (Database db = KeyPlace.open(config)) {
            IssuedKey key = new JdbcKeyStore(db.dataSource(), Clock.systemUTC())
                    .add(owner.tenant, owner.creditBalance(), limits);
            System.out.println("added a key for tenant " + key.principal().tenant() + " to the database (id "
                    + key.principal().keyId() + ", limits: " + limits.describe() + "); it is shown once:");
            System.out.println(key.key());
        }
        return 0;
    }
}
