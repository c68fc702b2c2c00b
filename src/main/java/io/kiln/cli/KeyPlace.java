package io.kiln.cli;

import io.kiln.config.ConfigLoader;
import io.kiln.config.KilnConfig;
import io.kiln.db.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the keys commands find the keys: the same {@code --data}, {@code --keys-file} and
 * {@code --db-*} settings (and {@code KILN_*} environment) as {@code serve}, so a command and the
 * server it administers cannot disagree.
 */
final class KeyPlace {

    @Option(names = "--data", description = "data directory, as for serve (its embedded database and keys file)")
    String data;

    @Option(names = "--keys-file", description = "keys file, as for serve")
    String keysFile;

    @Option(names = "--db-url", description = "JDBC URL of the shared database, as for serve")
    String dbUrl;

    @Option(names = "--db-user", description = "database user, as for serve")
    String dbUser;

    @Option(names = "--db-password", description = "database password, as for serve")
    String dbPassword;

    KilnConfig config(Map<String, String> env) {
        List<String> args = new ArrayList<>();
        add(args, "--data", data);
        add(args, "--keys-file", keysFile);
        add(args, "--db-url", dbUrl);
        add(args, "--db-user", dbUser);
        add(args, "--db-password", dbPassword);
        return ConfigLoader.load(args.toArray(String[]::new), env);
    }

    /** The database {@code serve} would use, its schema brought up to date; the caller closes it. */
    static Database open(KilnConfig config) {
        var storage = config.storage();
        return Database.open(storage.dbUrl(), storage.dbUser(), storage.dbPassword(), 2);
    }

    private static void add(List<String> args, String flag, String value) {
        if (value != null) {
            args.add(flag);
            args.add(value);
        }
    }
}
