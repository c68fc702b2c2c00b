package io.kiln.cli;

import io.kiln.auth.ApiKeys;
import io.kiln.auth.IssuedKey;
import io.kiln.config.ConfigLoader;
import io.kiln.config.KilnConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kiln keys create}: adds a hashed key to the same keys file {@code serve} reads. */
@Command(name = "keys create", description = "Create an API key; the key is printed alone on the last line.")
public final class KeysCommand implements Callable<Integer> {

    @Option(names = "--tenant", description = "tenant that owns the key's jobs (default: default)")
    String tenant = "default";

    @Option(names = "--credits", description = "credit balance of the key")
    Long credits;

    @Option(names = "--data", description = "data directory, as for serve")
    String data;

    @Option(names = "--keys-file", description = "keys file, as for serve")
    String keysFile;

    private Map<String, String> env = Map.of();

    public static int run(String[] args, Map<String, String> env) {
        if (args.length == 0 || !args[0].equals("create")) {
            System.err.println("usage: kiln keys create [--tenant T] [--credits N] [--data D | --keys-file F]");
            return 2;
        }
        KeysCommand cmd = new KeysCommand();
        cmd.env = env;
        return new CommandLine(cmd).execute(java.util.Arrays.copyOfRange(args, 1, args.length));
    }

    @Override
    public Integer call() {
        List<String> serveArgs = new ArrayList<>();
        if (data != null) {
            serveArgs.addAll(List.of("--data", data));
        }
        if (keysFile != null) {
            serveArgs.addAll(List.of("--keys-file", keysFile));
        }
        KilnConfig config = ConfigLoader.load(serveArgs.toArray(String[]::new), env);
        ApiKeys keys = ApiKeys.load(config.security().keysFile());
        IssuedKey key = keys.create(tenant, credits == null ? OptionalLong.empty() : OptionalLong.of(credits));
        System.out.println("created a key for tenant " + key.principal().tenant() + " in " + keys.file()
                + " (id " + key.principal().keyId() + "); it is shown once:");
        System.out.println(key.key());
        return 0;
    }
}
