import io.kiln.engine.html.PrintOptions;
import io.kiln.engine.html.RenderRequest;
import io.kiln.engine.html.chromium.ChromiumInstallation;
import io.kiln.engine.html.chromium.ChromiumRenderer;
import io.kiln.engine.html.chromium.ChromiumSettings;
import io.kiln.fetch.AddressPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * The HTML benchmark's non-HTTP modes and its summary, run by {@code bench/run html} with the source
 * launcher on Kiln's runtime classpath: {@code java -cp "target/classes:target/lib/*" bench/HtmlDirect.java MODE ...}.
 *
 *   kiln      (k) Kiln's ChromiumRenderer in-process, without HTTP or jobs: a pool of --browsers warm
 *             browsers fed by as many threads, timed after the pool is ready and one page was printed.
 *   chromium  (c) {@code chromium --headless --print-to-pdf} started once per file, sequentially, with
 *             one profile directory made before timing (the way a script would call it); the program is
 *             --exe, and --label s names the same run of {@code chromium-headless-shell} (s).
 *   summary   reads the RESULT lines every mode (and the HTTP client) wrote and prints pages/s and ratios.
 *
 * A page counts when its output opens in PDFBox (checked after the timed phase); pages are PDFBox's
 * count. Options: --files LIST (one path a line) --out DIR [--browsers 1] [--warmup 0: untimed passes over
 * the files first] [--results FILE] [--verbose 1: each file's time] [--tagged true]
 */
public final class HtmlDirect {

    static final Map<String, String> opts = new HashMap<>();
    static final String OWNER = "bench";

    public static void main(String[] args) throws Exception {
        for (int i = 1; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        switch (args[0]) {
            case "kiln" -> kiln();
            case "chromium" -> cold();
            case "summary" -> summary();
            default -> throw new IllegalArgumentException("mode is kiln, chromium or summary");
        }
        System.exit(0);
    }

    /** Kiln's defaults, or with --tagged true the tagged PDFs the cold command prints. */
    static PrintOptions print() {
        PrintOptions d = PrintOptions.defaults();
        boolean tagged = "true".equals(opts.get("tagged"));
        return new PrintOptions(d.paperWidth(), d.paperHeight(), d.marginTop(), d.marginRight(), d.marginBottom(),
                d.marginLeft(), d.landscape(), d.scale(), d.printBackground(), d.pageRanges(), d.headerHtml(),
                d.footerHtml(), d.waitForSelector(), d.delay(), d.media(), d.headers(), tagged, false);
    }

    static boolean verbose() {
        return "1".equals(opts.get("verbose"));
    }

    static List<Path> files() throws IOException {
        return Files.readAllLines(Path.of(opts.get("files"))).stream().filter(l -> !l.isBlank()).map(Path::of).toList();
    }

    static void kiln() throws Exception {
        List<Path> files = files();
        int browsers = Integer.parseInt(opts.getOrDefault("browsers", "1"));
        Path out = Files.createDirectories(Path.of(opts.get("out")));
        Path exe = opts.containsKey("exe") ? Path.of(opts.get("exe")) : ChromiumInstallation.find().orElseThrow(() -> new IllegalStateException("no chromium"));
        ChromiumSettings settings = ChromiumSettings.defaults(exe, out.resolve("data")).withBrowsers(browsers);
        try (ChromiumRenderer renderer = ChromiumRenderer.start(settings, AddressPolicy.STRICT)) {
            while (!renderer.availability().isReady()) {
                Thread.sleep(50);
            }
            Path warm = Files.writeString(out.resolve("warm-up.html"), "<p>warm-up</p>");
            // one tenant's jobs, as the HTTP client's (a) run is: its renders may share a browser context
            renderer.render(RenderRequest.document(warm, Map.of(), print(), Duration.ofMinutes(2))
                    .ownedBy(OWNER), out.resolve("warm-up.pdf"));
            for (int w = 0; w < Integer.parseInt(opts.getOrDefault("warmup", "0")); w++) {
                for (int i = 0; i < files.size(); i++) { // untimed, as a server kept warm has seen pages before
                    renderer.render(RenderRequest.document(files.get(i), Map.of(), print(),
                            Duration.ofMinutes(2)).ownedBy(OWNER), out.resolve("warm-" + i + ".pdf"));
                }
            }
            ConcurrentLinkedQueue<Integer> todo = new ConcurrentLinkedQueue<>();
            for (int i = 0; i < files.size(); i++) {
                todo.add(i);
            }
            AtomicInteger failed = new AtomicInteger();
            long t0 = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < browsers; t++) {
                threads.add(Thread.ofVirtual().start(() -> {
                    for (Integer i = todo.poll(); i != null; i = todo.poll()) {
                        long s = System.nanoTime();
                        try {
                            renderer.render(RenderRequest.document(files.get(i), Map.of(), print(),
                                    Duration.ofMinutes(2)).ownedBy(OWNER), out.resolve(i + ".pdf"));
                            if (verbose()) {
                                System.out.printf("    %-40s %6d ms%n", files.get(i).getFileName(), (System.nanoTime() - s) / 1_000_000);
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                            System.out.println("    failed " + files.get(i).getFileName() + ": " + e.getMessage());
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            report("k", "in-process ChromiumRenderer, " + browsers + " browser(s)", files, out, wall);
        }
    }

    /**
     * (c), or (s) with --label s: the program --exe (the full browser for (c), the headless shell for (s))
     * started once per file.
     */
    static void cold() throws Exception {
        List<Path> files = files();
        Path out = Files.createDirectories(Path.of(opts.get("out")));
        Path exe = Path.of(opts.get("exe"));
        String label = opts.getOrDefault("label", "c");
        Path profile = out.resolve("profile");
        run(exe, profile, out.resolve("warm-up.pdf"), "about:blank"); // the profile exists before timing
        long t0 = System.nanoTime();
        for (int i = 0; i < files.size(); i++) {
            long s = System.nanoTime();
            run(exe, profile, out.resolve(i + ".pdf"), files.get(i).toUri().toString());
            if (verbose()) {
                System.out.printf("    %-40s %6d ms%n", files.get(i).getFileName(), (System.nanoTime() - s) / 1_000_000);
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        report(label, exe.getFileName() + " --headless --print-to-pdf once per file", files, out, wall);
    }

    static void run(Path exe, Path profile, Path pdf, String url) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(exe.toString(), "--headless", "--disable-gpu",
                "--user-data-dir=" + profile, "--no-pdf-header-footer", "--print-to-pdf=" + pdf, url));
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.add(1, "--no-sandbox");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    static void report(String label, String what, List<Path> files, Path out, double wall) {
        int ok = 0;
        int pages = 0;
        for (int i = 0; i < files.size(); i++) {
            try (PDDocument doc = Loader.loadPDF(out.resolve(i + ".pdf").toFile())) {
                pages += doc.getNumberOfPages();
                ok++;
            } catch (IOException missingOrBroken) {
                System.out.println("    no valid PDF for " + files.get(i).getFileName());
            }
        }
        System.out.printf(Locale.ROOT, "(%s) %s: %d files, %d ok, %d pages in %.2f s: %.2f pages/s, %.2f files/s%n",
                label, what, files.size(), ok, pages, wall, pages / wall, ok / wall);
        System.out.printf(Locale.ROOT, "RESULT html-%s docs=%d ok=%d pages=%d wall_s=%.2f pages_per_s=%.3f%n",
                label, files.size(), ok, pages, wall, pages / wall);
    }

    /** Reads RESULT lines (html-k, html-c, and office-a from the HTTP client) and prints the ratios. */
    static void summary() throws IOException {
        Map<String, Map<String, String>> results = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(opts.get("results")))) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2 || !f[0].equals("RESULT")) {
                continue;
            }
            Map<String, String> kv = new HashMap<>();
            for (int i = 2; i < f.length; i++) {
                int eq = f[i].indexOf('=');
                if (eq > 0) {
                    kv.put(f[i].substring(0, eq), f[i].substring(eq + 1));
                }
            }
            results.put(f[1].replaceFirst("^(html|office)-", ""), kv);
        }
        Map<String, Double> rate = new LinkedHashMap<>();
        System.out.println("html summary");
        for (var e : results.entrySet()) {
            double pages = Double.parseDouble(e.getValue().getOrDefault("pages", "NaN"));
            double wall = Double.parseDouble(e.getValue().getOrDefault("wall_s", "NaN"));
            rate.put(e.getKey(), pages / wall);
            System.out.printf(Locale.ROOT, "    (%s) %6.0f pages %8.2f s %8.2f pages/s%n", e.getKey(), pages, wall, pages / wall);
        }
        for (String fast : List.of("a", "k")) {
            if (rate.containsKey(fast) && rate.containsKey("c")) {
                double r = rate.get(fast) / rate.get("c");
                System.out.printf(Locale.ROOT, "    (%s)/(c) = %.2f x  (target >= 5 -> %s)%n", fast, r, r >= 5 ? "met" : "NOT met");
            }
        }
        for (String fast : List.of("a", "k")) { // no target: how much is the warm pool, not the leaner program
            if (rate.containsKey(fast) && rate.containsKey("s")) {
                System.out.printf(Locale.ROOT, "    (%s)/(s) = %.2f x  (warm vs the same program started cold)%n",
                        fast, rate.get(fast) / rate.get("s"));
            }
        }
    }
}
