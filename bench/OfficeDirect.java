import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.jodconverter.local.LocalConverter;
import org.jodconverter.local.office.LocalOfficeManager;

/**
 * The office benchmark's non-HTTP modes and its summary, run by bench/run with the source launcher on
 * Kiln's runtime classpath: {@code java -cp "target/lib/*" bench/OfficeDirect.java MODE ...}.
 *
 *   jod      (b) JODConverter in-process: one LocalOfficeManager with N ports (N office processes),
 *            fed by N threads; only the conversions are timed, after manager.start() returned
 *            (startFailFast, so every process is up by then).
 *   kiln     (k, diagnostic) Kiln's own engine in-process, without HTTP, jobs, database or storage:
 *            LibreOfficePool(LibreOfficeSettings.defaults(dir).withProcesses(N)) + LibreOfficeConverter,
 *            fed by N threads, timed after the pool reports ready. (b) -> (k) is the cost of Kiln's
 *            conversion steps; (k) -> (a) the cost of the HTTP/job layer around them.
 *   soffice  (c) {@code soffice --headless --convert-to pdf} started once per file, sequentially;
 *            --profile shared (one profile, created before timing) or fresh (a new one per file).
 *   summary  reads the per-document times every mode wrote and prints the comparison.
 *
 * Every mode writes {@code <times-dir>/<mode>.tsv}: file, start ms, end ms (from the mode's t0),
 * ok, pdf bytes, pages, detail. A conversion counts as done only if its output starts with
 * "%PDF-", ends with "%%EOF" and PDFBox opens it (checked after the timed phase).
 *
 * Options: --files LIST (one path a line) --out DIR --times-dir DIR [--processes 2]
 *          [--office-home /usr/lib/libreoffice] [--profile shared|fresh] [--label NAME]
 */
public final class OfficeDirect {

    static Map<String, String> opts = new HashMap<>();

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        for (int i = 1; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        switch (mode) {
            case "jod" -> jod();
            case "soffice" -> soffice();
            case "kiln" -> kilnEngine();
            case "summary" -> summary();
            default -> throw new IllegalArgumentException("mode is jod, kiln, soffice or summary");
        }
        System.exit(0);
    }

    record Doc(int index, Path file) {
    }

    record Result(Path file, long startNs, long endNs, Path output, String error) {
    }

    static List<Doc> docs() throws IOException {
        List<Doc> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(opts.get("files")))) {
            if (!line.isBlank()) {
                out.add(new Doc(out.size(), Path.of(line.trim())));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- (b) JODConverter in-process

    static void jod() throws Exception {
        List<Doc> docs = docs();
        int processes = Integer.parseInt(opts.getOrDefault("processes", "2"));
        Path out = Files.createDirectories(Path.of(opts.get("out")));
        Path work = Files.createDirectories(out.resolve("jod-work"));
        int[] ports = freePorts(processes);
        LocalOfficeManager manager = LocalOfficeManager.builder()
                .officeHome(new File(opts.getOrDefault("office-home", "/usr/lib/libreoffice")))
                .portNumbers(ports)
                .workingDir(work.toFile())
                .startFailFast(true)
                .processTimeout(120_000L)
                .taskExecutionTimeout(600_000L)
                .taskQueueTimeout(600_000L)
                .build();
        long s0 = System.nanoTime();
        manager.start();
        System.out.printf("(b) JODConverter %s in-process: %d office processes (ports %s) started in %.1f s; "
                        + "%d documents from %d threads%n", "4.4.11", processes, Arrays.toString(ports),
                (System.nanoTime() - s0) / 1e9, docs.size(), processes);
        LocalConverter converter = LocalConverter.make(manager);
        Result[] results = new Result[docs.size()];
        AtomicInteger next = new AtomicInteger();
        TreeCpu cpu = new TreeCpu(ProcessHandle.current().pid());
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            threads.add(Thread.ofPlatform().name("jod-feeder-" + i).start(() -> {
                int k;
                while ((k = next.getAndIncrement()) < docs.size()) {
                    Doc d = docs.get(k);
                    Path target = out.resolve("b-" + d.index() + "-" + stem(d.file()) + ".pdf");
                    long st = System.nanoTime();
                    String err = null;
                    try {
                        converter.convert(d.file().toFile()).to(target.toFile()).execute();
                    } catch (Exception e) {
                        err = e.toString();
                    }
                    results[k] = new Result(d.file(), st - t0, System.nanoTime() - t0, target, err);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        long wall = System.nanoTime() - t0;
        cpu.report();
        manager.stop();
        report("b", "jod", results, wall, cpu);
    }

    static void kilnEngine() throws Exception {
        List<Doc> docs = docs();
        int processes = Integer.parseInt(opts.getOrDefault("processes", "2"));
        Path out = Files.createDirectories(Path.of(opts.get("out")));
        io.kiln.engine.libreoffice.LibreOfficeSettings settings = io.kiln.engine.libreoffice.LibreOfficeSettings
                .defaults(out.resolve("kiln-data")).withProcesses(processes);
        long s0 = System.nanoTime();
        io.kiln.engine.libreoffice.LibreOfficePool pool = new io.kiln.engine.libreoffice.LibreOfficePool(settings);
        while (!pool.availability().isReady()) {
            if (System.nanoTime() - s0 > TimeUnit.SECONDS.toNanos(120)) {
                throw new IllegalStateException("Kiln's office pool is not ready: " + pool.availability().detail());
            }
            Thread.sleep(50);
        }
        System.out.printf("(k) Kiln's LibreOfficeConverter in-process (no HTTP/jobs/DB): %d office processes ready in "
                + "%.1f s; %d documents from %d threads%n", processes, (System.nanoTime() - s0) / 1e9, docs.size(), processes);
        io.kiln.engine.libreoffice.LibreOfficeConverter converter = new io.kiln.engine.libreoffice.LibreOfficeConverter(pool);
        Result[] results = new Result[docs.size()];
        AtomicInteger next = new AtomicInteger();
        TreeCpu cpu = new TreeCpu(ProcessHandle.current().pid());
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            threads.add(Thread.ofPlatform().name("kiln-feeder-" + i).start(() -> {
                int k;
                while ((k = next.getAndIncrement()) < docs.size()) {
                    Doc d = docs.get(k);
                    long st = System.nanoTime();
                    String err = null;
                    Path target = null;
                    try {
                        Path work = Files.createDirectories(out.resolve("k-" + d.index()));
                        String ext = d.file().getFileName().toString().replaceFirst(".*\\.", "");
                        var produced = converter.convert(new io.kiln.engine.ConversionTask(ext, "pdf", List.of(d.file()),
                                new io.kiln.engine.Options(Map.of()), work, stem(d.file()), java.time.Duration.ofSeconds(600),
                                100_000));
                        target = produced.getFirst().path();
                    } catch (Exception e) {
                        err = e.toString();
                    }
                    results[k] = new Result(d.file(), st - t0, System.nanoTime() - t0,
                            target == null ? out.resolve("missing") : target, err);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        long wall = System.nanoTime() - t0;
        cpu.report();
        pool.close();
        report("k", "kiln-engine", results, wall, cpu);
    }

    static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }

    // ---------------------------------------------------------------- (c) soffice once per file

    static void soffice() throws Exception {
        List<Doc> docs = docs();
        Path out = Files.createDirectories(Path.of(opts.get("out")));
        String profileMode = opts.getOrDefault("profile", "shared");
        String soffice = opts.getOrDefault("soffice", "soffice");
        Path shared = out.resolve("soffice-profile");
        if (profileMode.equals("shared")) {
            // create the shared profile before timing (LibreOffice's first start in a new profile is slower)
            long s0 = System.nanoTime();
            run(List.of(soffice, "-env:UserInstallation=" + shared.toUri(), "--headless", "--terminate_after_init"),
                    out.resolve("soffice-init.log"), 120);
            System.out.printf("(c) soffice --convert-to pdf, once per file, sequential, shared profile %s "
                    + "(created before timing, %.1f s)%n", shared, (System.nanoTime() - s0) / 1e9);
        } else {
            System.out.println("(c) soffice --convert-to pdf, once per file, sequential, a fresh profile per file");
        }
        Result[] results = new Result[docs.size()];
        TreeCpu cpu = new TreeCpu(ProcessHandle.current().pid());
        long t0 = System.nanoTime();
        for (Doc d : docs) {
            Path dir = Files.createDirectories(out.resolve("c-" + d.index()));
            Path profile = profileMode.equals("shared") ? shared : out.resolve("soffice-profile-" + d.index());
            long st = System.nanoTime();
            String err = null;
            try {
                int rc = run(List.of(soffice, "-env:UserInstallation=" + profile.toUri(), "--headless",
                        "--convert-to", "pdf", "--outdir", dir.toString(), d.file().toString()),
                        dir.resolve("soffice.log"), 600);
                if (rc != 0) {
                    err = "exit code " + rc + ": " + Files.readString(dir.resolve("soffice.log")).strip();
                }
            } catch (Exception e) {
                err = e.toString();
            }
            results[d.index()] = new Result(d.file(), st - t0, System.nanoTime() - t0,
                    dir.resolve(stem(d.file()) + ".pdf"), err);
            if (!profileMode.equals("shared")) {
                deleteTree(profile);
            }
        }
        long wall = System.nanoTime() - t0;
        cpu.report();
        report("c", "soffice-" + profileMode, results, wall, cpu);
    }

    static int run(List<String> cmd, Path log, int timeoutSecs) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeoutSecs, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IOException("timed out after " + timeoutSecs + " s");
        }
        return p.exitValue();
    }

    // ---------------------------------------------------------------- verification and report

    static void report(String letter, String name, Result[] results, long wallNs, TreeCpu cpu) throws IOException {
        String cpuLine = cpu.lastReport;
        Path times = Files.createDirectories(Path.of(opts.get("times-dir"))).resolve(opts.getOrDefault("label", letter) + ".tsv");
        StringBuilder tsv = new StringBuilder();
        int ok = 0;
        long pages = 0;
        long sumNs = 0;
        List<String> failures = new ArrayList<>();
        for (Result r : results) {
            String err = r.error();
            long bytes = 0;
            int n = -1;
            if (err == null) {
                String bad = checkPdf(r.output());
                if (bad != null) {
                    err = bad;
                } else {
                    bytes = Files.size(r.output());
                    n = pageCount(r.output());
                }
            }
            if (err == null) {
                ok++;
                pages += n;
            } else {
                failures.add(r.file() + ": " + oneLine(err));
            }
            sumNs += r.endNs() - r.startNs();
            tsv.append(r.file()).append('\t').append(r.startNs() / 1_000_000).append('\t').append(r.endNs() / 1_000_000)
                    .append('\t').append(err == null ? "ok" : "FAILED").append('\t').append(bytes).append('\t').append(n)
                    .append('\t').append(err == null ? "" : oneLine(err)).append('\n');
        }
        Files.writeString(times, tsv);
        double wall = wallNs / 1e9;
        System.out.printf("    %d documents in %.2f s: %.3f docs/s; ok %d, FAILED %d; %d pages; "
                        + "per-document time summed %.1f s (mean %.2f s)%n",
                results.length, wall, ok / wall, ok, results.length - ok, pages, sumNs / 1e9,
                sumNs / 1e9 / results.length);
        System.out.println("    " + cpuLine);
        failures.forEach(f -> System.out.println("    FAILED " + f));
        System.out.printf(Locale.ROOT, "RESULT office-%s mode=%s docs=%d ok=%d failed=%d wall_s=%.2f docs_per_s=%.4f pages=%d "
                        + "office_cpu_s=%.1f jvm_cpu_s=%.1f client_cpu_s=0 other_cores=%.2f%n",
                letter, name, results.length, ok, results.length - ok, wall, ok / wall, pages, cpu.officeSecs, cpu.ownSecs,
                cpu.otherCores);
    }

    /** Null when {@code pdf} looks like a whole PDF, else what is wrong. */
    static String checkPdf(Path pdf) {
        try {
            if (!Files.isRegularFile(pdf)) {
                return "no output file " + pdf.getFileName();
            }
            long size = Files.size(pdf);
            if (size < 64) {
                return "output is " + size + " bytes";
            }
            try (RandomAccessFile f = new RandomAccessFile(pdf.toFile(), "r")) {
                byte[] head = new byte[5];
                f.readFully(head);
                byte[] tail = new byte[(int) Math.min(1024, size)];
                f.seek(size - tail.length);
                f.readFully(tail);
                if (!new String(head, StandardCharsets.ISO_8859_1).equals("%PDF-")) {
                    return "output does not start with %PDF-";
                }
                if (!new String(tail, StandardCharsets.ISO_8859_1).contains("%%EOF")) {
                    return "output has no %%EOF (truncated?)";
                }
            }
            return null;
        } catch (IOException e) {
            return "output unreadable: " + e;
        }
    }

    static int pageCount(Path pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return doc.getNumberOfPages();
        } catch (IOException e) {
            return -1;
        }
    }

    // ---------------------------------------------------------------- summary over the modes

    record Row(String file, long start, long end, boolean ok, long bytes, int pages) {
        long ms() {
            return end - start;
        }
    }

    /**
     * Reads a.tsv (Kiln: start = job startedAt, end = finishedAt, both relative to the first submit),
     * b.tsv and c.tsv (and any other *.tsv) from --times-dir and prints docs/s, ratios, how busy the
     * pool was, and per-document times side by side.
     */
    static void summary() throws IOException {
        Path dir = Path.of(opts.get("times-dir"));
        Map<String, List<Row>> modes = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".tsv")).sorted().toList()) {
                List<Row> rows = new ArrayList<>();
                for (String line : Files.readAllLines(p)) {
                    String[] f = line.split("\t", -1);
                    rows.add(new Row(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), f[3].equals("ok"),
                            Long.parseLong(f[4]), Integer.parseInt(f[5])));
                }
                modes.put(p.getFileName().toString().replace(".tsv", ""), rows);
            }
        }
        Map<String, Map<String, String>> results = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("results.txt"))) {
            // RESULT office-a mode=... wall_s=12.34 office_cpu_s=... (key=value pairs)
            String[] f = line.trim().split("\\s+");
            Map<String, String> kv = new HashMap<>();
            for (int i = 2; i < f.length; i++) {
                int eq = f[i].indexOf('=');
                if (eq > 0) {
                    kv.put(f[i].substring(0, eq), f[i].substring(eq + 1));
                }
            }
            results.put(f[1].replaceFirst("^office-", ""), kv);
        }
        System.out.println("office summary (per-document times in ms; a = Kiln job startedAt -> finishedAt)");
        System.out.printf("    %-6s %4s %6s %7s %7s %8s %7s %7s %8s %8s %7s %7s  %s%n", "mode", "docs", "failed", "wall s",
                "docs/s", "sumdoc s", "p50 ms", "max ms", "office", "jvm", "cpu s", "other", "in flight 0 / 1 / 2+");
        System.out.printf("    %-6s %4s %6s %7s %7s %8s %7s %7s %8s %8s %7s %7s  %s%n", "", "", "", "", "", "", "", "",
                "cpu s", "cpu s", "per doc", "cores", "(share of wall)");
        Map<String, Double> rate = new HashMap<>();
        Map<String, Double> cpuPerDoc = new HashMap<>();
        for (var e : modes.entrySet()) {
            List<Row> rows = e.getValue();
            long ok = rows.stream().filter(Row::ok).count();
            Map<String, String> kv = results.getOrDefault(e.getKey(), Map.of());
            double w = Double.parseDouble(kv.getOrDefault("wall_s", "NaN"));
            double office = Double.parseDouble(kv.getOrDefault("office_cpu_s", "NaN"));
            double jvm = Double.parseDouble(kv.getOrDefault("jvm_cpu_s", "NaN"))
                    + Double.parseDouble(kv.getOrDefault("client_cpu_s", "0"));
            rate.put(e.getKey(), ok / w);
            cpuPerDoc.put(e.getKey(), (office + jvm) / rows.size());
            long[] ms = rows.stream().mapToLong(Row::ms).sorted().toArray();
            double[] inFlight = inFlight(rows, (long) (w * 1000));
            System.out.printf("    %-6s %4d %6d %7.2f %7.3f %8.1f %7d %7d %8.1f %8.1f %7.2f %7s  %.2f / %.2f / %.2f%n", e.getKey(),
                    rows.size(), rows.size() - ok, w, ok / w, Arrays.stream(ms).sum() / 1e3, ms[ms.length / 2],
                    ms[ms.length - 1], office, jvm, (office + jvm) / rows.size(), kv.getOrDefault("other_cores", "?"),
                    inFlight[0], inFlight[1], inFlight[2]);
        }
        if (rate.containsKey("a") && rate.containsKey("b")) {
            double r = rate.get("a") / rate.get("b");
            System.out.printf("    (a)/(b) = %.3f   (target >= 0.95 -> %s); CPU per document (b)/(a) = %.3f "
                            + "(the ratio to expect when the CPU is the limit)%n", r, r >= 0.95 ? "met" : "NOT met",
                    cpuPerDoc.get("b") / cpuPerDoc.get("a"));
        }
        if (rate.containsKey("k") && rate.containsKey("b")) {
            System.out.printf("    (k)/(b) = %.3f (Kiln's engine vs plain JODConverter, both in-process)%s%n",
                    rate.get("k") / rate.get("b"), rate.containsKey("a")
                            ? String.format("; (a)/(k) = %.3f (the HTTP/job layer)", rate.get("a") / rate.get("k")) : "");
        }
        if (rate.containsKey("b") && rate.containsKey("c")) {
            System.out.printf("    (b)/(c) = %.2f%n", rate.get("b") / rate.get("c"));
        }
        // per document, side by side
        List<String> names = modes.values().iterator().next().stream().map(Row::file).toList();
        StringBuilder head = new StringBuilder(String.format("    %-58s", "document"));
        modes.keySet().forEach(k -> head.append(String.format(" %8s %5s", k + " ms", "pages")));
        System.out.println(head);
        for (String n : names) {
            StringBuilder line = new StringBuilder(String.format("    %-58s", shorten(n)));
            for (List<Row> rows : modes.values()) {
                Row r = rows.stream().filter(x -> x.file().equals(n)).findFirst().orElse(null);
                line.append(r == null ? String.format(" %8s %5s", "-", "-")
                        : String.format(" %8d %5s", r.ms(), r.ok() ? String.valueOf(r.pages()) : "FAIL"));
            }
            System.out.println(line);
        }
    }

    /** Share of [0, wall] with 0, 1 and 2 or more conversions in flight. */
    static double[] inFlight(List<Row> rows, long wallMs) {
        List<long[]> ev = new ArrayList<>();
        for (Row r : rows) {
            ev.add(new long[] {r.start(), 1});
            ev.add(new long[] {r.end(), -1});
        }
        ev.sort(Comparator.<long[]>comparingLong(x -> x[0]).thenComparingLong(x -> x[1]));
        double[] out = new double[3];
        long t = 0;
        int n = 0;
        for (long[] e : ev) {
            out[Math.min(n, 2)] += e[0] - t;
            t = e[0];
            n += (int) e[1];
        }
        out[Math.min(n, 2)] += Math.max(0, wallMs - t);
        double total = Math.max(1, Math.max(wallMs, t));
        for (int i = 0; i < 3; i++) {
            out[i] /= total;
        }
        return out;
    }

    static String shorten(String path) {
        Path p = Path.of(path);
        String s = p.getParent().getFileName() + "/" + p.getFileName();
        return s.length() > 58 ? s.substring(0, 55) + "..." : s;
    }

    // ---------------------------------------------------------------- helpers

    /** CPU of this process and its descendants versus the machine, over a phase (in cores). */
    static final class TreeCpu {
        final long root;
        final long t0 = System.nanoTime();
        final long[] tree0;
        final long[] all0 = machineTicks();
        final String load0 = loadavg();
        String lastReport = "";

        TreeCpu(long root) {
            this.root = root;
            this.tree0 = treeTicks();
        }

        /** {own JVM, live descendants, reaped children (cutime + cstime)}. */
        long[] treeTicks() {
            long own = 0;
            long reaped = 0;
            long desc = 0;
            String[] f = stat(root);
            if (f != null) {
                own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                reaped = Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            for (ProcessHandle h : ProcessHandle.of(root).map(p -> p.descendants().toList()).orElse(List.of())) {
                String[] g = stat(h.pid());
                if (g != null) {
                    desc += Long.parseLong(g[11]) + Long.parseLong(g[12]);
                }
            }
            return new long[] {own, desc, reaped};
        }

        /** Set by {@link #report()}: CPU seconds of this JVM and of the office processes; other load in cores. */
        double ownSecs, officeSecs, otherCores;

        String report() {
            double secs = (System.nanoTime() - t0) / 1e9;
            long[] t1 = treeTicks();
            long[] all1 = machineTicks();
            double own = (t1[0] - tree0[0]) / 100.0 / secs;
            double office = (t1[1] - tree0[1] + t1[2] - tree0[2]) / 100.0 / secs;
            double busy = (all1[0] - all0[0]) / 100.0 / secs;
            ownSecs = own * secs;
            officeSecs = office * secs;
            otherCores = Math.max(0, busy - own - office);
            lastReport = String.format("cpu (cores): this JVM %.2f, office processes %.2f, other %.2f, idle %.2f; "
                            + "load average %s -> %s", own, office, Math.max(0, busy - own - office),
                    (all1[1] - all0[1]) / 100.0 / secs, load0, loadavg());
            return lastReport;
        }

        static String[] stat(long pid) {
            try {
                String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
                return s.substring(s.lastIndexOf(')') + 2).split(" ");
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        static long[] machineTicks() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                return new long[] {total - idle, idle};
            } catch (IOException | RuntimeException e) {
                return new long[2];
            }
        }

        static String loadavg() {
            try {
                return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
            } catch (IOException e) {
                return "?";
            }
        }
    }

    static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp dir, removed with the run
        }
    }
}
