package io.kiln.app;

import io.kiln.cli.ConvertCommand;
import io.kiln.cli.KeysCommand;
import io.kiln.config.ConfigException;
import io.kiln.config.ConfigLoader;
import io.kiln.config.KilnConfig;
import io.kiln.observe.LogOutput;
import java.time.Clock;
import java.util.Arrays;

/** {@code kiln serve | keys | convert}: the command line. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "serve" -> serve(rest);
            case "keys" -> System.exit(KeysCommand.run(rest, System.getenv()));
            case "convert" -> System.exit(ConvertCommand.run(rest));
            default -> {
                System.out.println("""
                        usage: kiln serve [options]      run the server
                               kiln keys add [--tenant T] [--credits N] [--rps R] [--max-jobs J] [--max-upload SIZE]
                               kiln keys list | revoke ID | import FILE
                                   (keys in the database: --data D, or --db-url URL [--db-user U --db-password P])
                               kiln keys create [--tenant T] [--credits N] [--data D | --keys-file F]   (keys file)
                               kiln convert FILE --to FORMAT [--server URL] [--key KEY] [-o OUT]
                        serve options (each also read from its environment twin):""");
                System.out.print(ConfigLoader.help());
                System.exit(command.equals("help") || command.equals("--help") ? 0 : 2);
            }
        }
    }

    private static void serve(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(ConfigLoader.help());
            return;
        }
        KilnConfig config;
        try {
            config = ConfigLoader.load(args, System.getenv());
        } catch (ConfigException e) {
            System.err.println("kiln: " + e.getMessage());
            System.exit(2);
            return;
        }
        LogOutput.use(config.logFormat());
        try {
            Kiln kiln = Kiln.start(config, Clock.systemUTC());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> kiln.stop(config.jobs().drainTimeout()),
                    "kiln-shutdown"));
        } catch (ConfigException e) {
            System.err.println("kiln: " + e.getMessage());
            System.exit(2);
        } catch (StartFailed e) {
            System.err.println("kiln: " + e.getMessage());
            System.exit(1);
        } catch (Throwable e) {
            // never a JVM left running without HTTP (workers and senders alive, nothing serving):
            // whatever stopped the start stops the process, with one line saying what
            System.err.println("kiln: could not start: " + e);
            System.exit(1);
        }
    }
}
