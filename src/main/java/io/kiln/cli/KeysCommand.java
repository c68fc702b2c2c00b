package io.kiln.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code kiln keys add | list | revoke | import | create}: key administration. {@code create} writes
 * the keys file (one node's keys); the others work on the database {@code serve} would use
 * (embedded under {@code --data}, or shared with {@code --db-url}).
 */
@Command(name = "keys", subcommands = {KeysAdd.class, KeysList.class, KeysRevoke.class, KeysImport.class, KeysCreate.class},
        description = "Administer API keys.")
public final class KeysCommand implements Runnable {

    private Map<String, String> env = Map.of();

    public static int run(String[] args, Map<String, String> env) {
        KeysCommand cmd = new KeysCommand();
        cmd.env = env;
        CommandLine line = new CommandLine(cmd);
        // a bad value or an unreachable database is one line for the operator, not a stack trace
        line.setExecutionExceptionHandler((e, cl, parsed) -> {
            System.err.println("kiln: " + e.getMessage());
            return 2;
        });
        if (args.length == 0) {
            line.usage(System.err);
            return 2;
        }
        return line.execute(args);
    }

    Map<String, String> env() {
        return env;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }
}
