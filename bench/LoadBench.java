import com.sun.net.httpserver.HttpServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kiln load client: JDK only, run with the source launcher (java bench/LoadBench.java ...).
 *
 * It speaks HTTP/1.1 over plain keep-alive sockets on virtual threads rather than
 * java.net.http.HttpClient: on a 2-core machine the client shares the CPU with the server, and a
 * blocking socket per virtual thread is the cheapest client there is (HttpClient funnels every
 * connection through one selector thread and costs several times more CPU per request).
 *
 *   a: health throughput, then async submit + long-poll of pdf -> info from N clients
 *   b: 10,000 long-polls held open on queued jobs, then released
 *   office: every office document of a list converted to PDF through async jobs (see benchOffice)
 *
 * Options: --port P --pid PID --pdf FILE [--clients 32] [--warmup 5] [--health-secs 10]
 *          [--job-secs 20] [--polls 10000] [--workers 1] [--blocker-chain 4] [--hold-secs 3] [--max-secs 600]
 */
public final class LoadBench {

    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern FINISHED = Pattern.compile("\"finishedAt\"\\s*:\\s*\"([^\"]+)\"");

    static int port;
    static long pid;
    static Map<String, String> opts = new HashMap<>();

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "a";
        for (int i = 1; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        port = Integer.parseInt(need("port"));
        pid = Long.parseLong(opts.getOrDefault("pid", "0"));
        byte[] pdf = opts.containsKey("pdf") ? Files.readAllBytes(Path.of(opts.get("pdf"))) : new byte[0];
        switch (mode) {
            case "a" -> benchA(pdf);
            case "b" -> benchB(pdf);
            case "office" -> benchOffice();
            case "health" -> System.out.printf("GET /health: %.0f req/s%n",
                    runLoop(opt("clients", 32), opt("health-secs", 10), (c, st) -> {
                        long t = System.nanoTime();
                        Resp r = c.exchange(get("/health"));
                        st.record(r.status == 200, System.nanoTime() - t, r.status);
                    }).rate());
            default -> throw new IllegalArgumentException("mode is a, b or office");
        }
    }

    static String need(String k) {
        String v = opts.get(k);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + k);
        }
        return v;
    }

    static int opt(String k, int def) {
        return Integer.parseInt(opts.getOrDefault(k, String.valueOf(def)));
    }

    // ---------------------------------------------------------------- (a) throughput

    static void benchA(byte[] pdf) throws Exception {
        int clients = opt("clients", 32);
        byte[] submit = multipartSubmit(pdf, "minimal-document.pdf", "info");
        byte[] health = get("/health");

        System.out.printf("(a) %d clients, pdf -> info on a %d-byte one-page PDF%n", clients, pdf.length);
        Stats warm = runJobs(clients, submit, opt("warmup", 5));
        System.out.printf("    warm-up: %d jobs in %.1f s (not counted)%n", warm.ok.sum(), warm.seconds);

        Cpu hc = new Cpu();
        Stats h = runLoop(clients, opt("health-secs", 10), (c, s) -> {
            long t = System.nanoTime();
            Resp r = c.exchange(health);
            s.record(r.status == 200, System.nanoTime() - t, r.status);
        });
        System.out.printf("    GET /health        : %8.0f req/s   p50 %6.2f ms  p99 %6.2f ms   errors %d%n",
                h.rate(), h.pct(50), h.pct(99), h.errors());
        System.out.println("                         " + hc.report());

        Cpu jc = new Cpu();
        Stats j = runJobs(clients, submit, opt("job-secs", 20));
        String jcpu = jc.report();
        System.out.printf("    submit + long-poll : %8.0f jobs/s  p50 %6.2f ms  p99 %6.2f ms   "
                        + "failed jobs %d, http errors %d, io errors %d%n",
                j.rate(), j.pct(50), j.pct(99), j.failedJobs.sum(), j.httpErrors.sum(), j.ioErrors.sum());
        System.out.println("                         " + jcpu);
        System.out.printf("    jobs/s / health req/s = %.3f   (target: >= 1500 jobs/s -> %s)%n",
                j.rate() / h.rate(), j.rate() >= 1500 ? "met" : "NOT met");
        System.out.printf("    polls per job %.2f; http statuses %s; max latency %.1f ms%n",
                (double) j.polls.sum() / Math.max(1, j.ok.sum() + j.failedJobs.sum()), j.statuses,
                j.pct(100));
        System.out.printf("RESULT a jobs_per_s=%.0f p50_ms=%.2f p99_ms=%.2f health_per_s=%.0f ratio=%.3f "
                        + "failed=%d http_errors=%d io_errors=%d%n",
                j.rate(), j.pct(50), j.pct(99), h.rate(), j.rate() / h.rate(),
                j.failedJobs.sum(), j.httpErrors.sum(), j.ioErrors.sum());
    }

    static Stats runJobs(int clients, byte[] submit, int secs) throws Exception {
        return runLoop(clients, secs, (c, s) -> {
            long t = System.nanoTime();
            Resp r = c.exchange(submit);
            if (r.status != 202 && r.status != 200) {
                s.record(false, System.nanoTime() - t, r.status);
                s.httpErrors.increment();
                return;
            }
            String id = find(ID, r.body);
            String st = find(STATUS, r.body);
            while (!terminal(st)) {
                r = c.exchange(get("/v1/jobs/" + id + "?wait=30"));
                s.polls.increment();
                if (r.status != 200) {
                    s.record(false, System.nanoTime() - t, r.status);
                    s.httpErrors.increment();
                    return;
                }
                st = find(STATUS, r.body);
            }
            boolean ok = st.equals("success");
            if (!ok) {
                s.failedJobs.increment();
            }
            s.record(ok, System.nanoTime() - t, 200);
        });
    }

    interface Step {
        void run(Conn c, Stats s) throws IOException;
    }

    /**
     * {@code clients} threads, each on one keep-alive connection, repeat {@code step} for {@code secs}.
     * Platform threads, not virtual ones: on JDK 25.0.3 a virtual thread of this client now and then
     * never returned from a socket read, not even at its 60 s timeout (the server idle, no request
     * of it pending), which stalled a phase for minutes or cut its rate.
     */
    static Stats runLoop(int clients, int secs, Step step) throws Exception {
        Stats s = new Stats();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(secs);
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            ts.add(Thread.ofPlatform().daemon().start(() -> {
                Conn c = null;
                while (System.nanoTime() < end) {
                    try {
                        if (c == null || c.closed) {
                            c = new Conn(port, 60_000);
                        }
                        step.run(c, s);
                    } catch (IOException e) {
                        s.ioErrors.increment();
                        s.status("io:" + e.getClass().getSimpleName());
                        if (c != null) {
                            c.close();
                        }
                        c = null;
                    }
                }
                if (c != null) {
                    c.close();
                }
            }));
        }
        for (Thread t : ts) {
            t.join(TimeUnit.SECONDS.toMillis(secs + 90));
        }
        s.seconds = (System.nanoTime() - start) / 1e9;
        return s;
    }

    static final class Stats {
        final LongAdder ok = new LongAdder();
        final LongAdder failedJobs = new LongAdder();
        final LongAdder httpErrors = new LongAdder();
        final LongAdder ioErrors = new LongAdder();
        final LongAdder polls = new LongAdder();
        final Map<String, Integer> statuses = new TreeMap<>();
        final List<long[]> lat = new ArrayList<>();
        final ThreadLocal<long[]> mine = new ThreadLocal<>();
        final ThreadLocal<int[]> used = ThreadLocal.withInitial(() -> new int[1]);
        final List<int[]> usedAll = new ArrayList<>();
        double seconds;

        void record(boolean success, long nanos, int status) {
            if (success) {
                ok.increment();
            }
            long[] a = mine.get();
            int[] n = used.get();
            if (a == null || n[0] == a.length) {
                a = new long[1 << 16];
                n = new int[1];
                synchronized (this) {
                    lat.add(a);
                    usedAll.add(n);
                }
                mine.set(a);
                used.set(n);
            }
            a[n[0]++] = nanos;
            if (status != 200 && status != 202) {
                status(String.valueOf(status));
            }
        }

        synchronized void status(String s) {
            statuses.merge(s, 1, Integer::sum);
        }

        double rate() {
            return ok.sum() / seconds;
        }

        long errors() {
            return count() - ok.sum() + ioErrors.sum();
        }

        long count() {
            long n = 0;
            synchronized (this) {
                for (int[] u : usedAll) {
                    n += u[0];
                }
            }
            return n;
        }

        long[] sorted;

        double pct(double p) {
            if (sorted == null) {
                synchronized (this) {
                    int total = 0;
                    for (int[] u : usedAll) {
                        total += u[0];
                    }
                    sorted = new long[total];
                    int k = 0;
                    for (int i = 0; i < lat.size(); i++) {
                        System.arraycopy(lat.get(i), 0, sorted, k, usedAll.get(i)[0]);
                        k += usedAll.get(i)[0];
                    }
                }
                Arrays.sort(sorted);
            }
            return percentile(sorted, p) / 1e6;
        }
    }

    // ---------------------------------------------------------------- (b) 10,000 long-polls

    static void benchB(byte[] pdf) throws Exception {
        int n = opt("polls", 10_000);
        int workers = opt("workers", 1);
        // Kiln gives up a URL fetch after 2 minutes, so each worker gets a chain of blockers: when
        // one fetch is given up the next one is held, and releasing the gate ends them all at once.
        int blockers = workers * opt("blocker-chain", 4);
        int clients = opt("clients", 32);
        long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(opt("max-secs", 600));

        // A gate: blocker jobs fetch their input from here, and the fetch is held until released.
        CountDownLatch gateOpen = new CountDownLatch(1);
        AtomicInteger gateHits = new AtomicInteger();
        HttpServer gate = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        gate.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        gate.createContext("/", ex -> {
            gateHits.incrementAndGet();
            try {
                gateOpen.await(110, TimeUnit.SECONDS); // under Kiln's 2-minute fetch timeout
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            ex.getResponseHeaders().set("Content-Type", "application/pdf");
            ex.sendResponseHeaders(200, pdf.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(pdf);
            }
        });
        gate.start();
        int gatePort = gate.getAddress().getPort();
        RssSampler rss = new RssSampler();
        Thread.ofPlatform().daemon().start(rss);

        System.out.printf("(b) %d long-polls, %d blocker job(s) fetching from a held URL on :%d%n", n, blockers, gatePort);
        System.out.printf("    server RSS at start: %s%n", mib(rss.now()));
        List<String> blockerIds = new ArrayList<>();
        try (Conn c = new Conn(port, 30_000)) {
            for (int i = 0; i < blockers; i++) {
                String json = "{\"from\":\"pdf\",\"to\":\"info\",\"url\":\"http://127.0.0.1:" + gatePort + "/slow-" + i + ".pdf\"}";
                Resp r = c.exchange(post("/v1/jobs", "application/json", json.getBytes(StandardCharsets.UTF_8)));
                if (r.status != 202) {
                    throw new IllegalStateException("blocker submit answered " + r.status + ": " + r.body);
                }
                blockerIds.add(find(ID, r.body));
            }
        }
        long until = System.currentTimeMillis() + 15_000;
        while (gateHits.get() < workers && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        if (gateHits.get() != workers) {
            throw new IllegalStateException(gateHits.get() + " blocker jobs started for " + workers + " workers; "
                    + "are there more workers than blockers, or is --allow-hosts 127.0.0.1 missing?");
        }
        long gateSince = System.currentTimeMillis();

        // Submit n small jobs; they queue behind the blockers.
        byte[] submit = multipartSubmit(pdf, "minimal-document.pdf", "info");
        String[] ids = new String[n];
        AtomicInteger next = new AtomicInteger();
        LongAdder submitErrors = new LongAdder();
        Map<String, Integer> submitStatuses = new ConcurrentHashMap<>();
        long s0 = System.nanoTime();
        Cpu sc = new Cpu();
        List<Thread> ts = new ArrayList<>();
        for (int k = 0; k < clients; k++) {
            ts.add(Thread.ofPlatform().daemon().start(() -> { // platform threads: see runLoop
                Conn c = null;
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    for (int attempt = 0; attempt < 3 && ids[i] == null; attempt++) {
                        try {
                            if (c == null || c.closed) {
                                c = new Conn(port, 30_000);
                            }
                            Resp r = c.exchange(submit);
                            if (r.status == 202 || r.status == 200) {
                                ids[i] = find(ID, r.body);
                                String st = find(STATUS, r.body);
                                if (terminal(st)) {
                                    submitStatuses.merge("already-" + st, 1, Integer::sum);
                                }
                            } else {
                                submitErrors.increment();
                                submitStatuses.merge(String.valueOf(r.status), 1, Integer::sum);
                            }
                        } catch (IOException e) {
                            submitErrors.increment();
                            submitStatuses.merge("io:" + e.getClass().getSimpleName(), 1, Integer::sum);
                            if (c != null) {
                                c.close();
                            }
                            c = null;
                        }
                    }
                }
                if (c != null) {
                    c.close();
                }
            }));
        }
        for (Thread t : ts) {
            t.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
        double submitSecs = (System.nanoTime() - s0) / 1e9;
        int submitted = (int) Arrays.stream(ids).filter(x -> x != null).count();
        System.out.printf("    submitted %d jobs in %.1f s (%.0f/s), errors %d %s%n",
                submitted, submitSecs, submitted / submitSecs, submitErrors.sum(), submitStatuses);
        System.out.println("      " + sc.report());
        System.out.printf("    server RSS with %d jobs queued: %s%n", submitted, mib(rss.now()));

        // Open one long-poll per job, each on its own connection.
        Poll[] polls = new Poll[n];
        CountDownLatch sent = new CountDownLatch(n);
        CountDownLatch done = new CountDownLatch(n);
        Semaphore connecting = new Semaphore(256);
        AtomicInteger answeredEarly = new AtomicInteger();
        AtomicLong releasedAt = new AtomicLong(Long.MAX_VALUE);
        long o0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Poll p = polls[i] = new Poll(ids[i]);
            Thread.ofVirtual().start(() -> p.run(sent, done, connecting, answeredEarly, releasedAt, deadline));
        }
        boolean allSent = sent.await(120, TimeUnit.SECONDS);
        double openSecs = (System.nanoTime() - o0) / 1e9;
        waitForServerIdle(15_000);
        long rssHeld = rss.now();
        long threads = procField("Threads");
        rss.resetPeak();
        Thread.sleep(TimeUnit.SECONDS.toMillis(opt("hold-secs", 3)));
        rssHeld = Math.max(rssHeld, rss.peak());
        int openNow = (int) done.getCount();
        System.out.printf("    opened %d long-polls in %.1f s%s; held open: %d; server RSS while held: %s "
                        + "(server threads: %d)%n",
                n - (int) sent.getCount(), openSecs, allSent ? "" : " (NOT all sent)", openNow, mib(rssHeld), threads);
        long heldFor = System.currentTimeMillis() - gateSince;

        // Let the jobs end: release the blockers; the worker(s) then drain the queue.
        rss.resetPeak();
        long t0 = System.currentTimeMillis();
        Cpu dc = new Cpu();
        releasedAt.set(t0);
        gateOpen.countDown();
        boolean finished = done.await(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        long tLast = 0;
        long lastFinished = 0;
        long firstFinished = Long.MAX_VALUE;
        long[] delays = new long[n];
        int k = 0;
        int late = 0;
        int repolls = 0;
        int errors = 0;
        Map<String, Integer> finals = new TreeMap<>();
        for (Poll p : polls) {
            repolls += p.repolls;
            errors += p.errors;
            finals.merge(p.finalStatus == null ? "unanswered" : p.finalStatus, 1, Integer::sum);
            if (p.answeredAt > 0 && p.finishedAt > 0) {
                tLast = Math.max(tLast, p.answeredAt);
                lastFinished = Math.max(lastFinished, p.finishedAt);
                firstFinished = Math.min(firstFinished, p.finishedAt);
                long d = p.answeredAt - p.finishedAt;
                delays[k++] = d;
                if (d > 1000) {
                    late++;
                }
            }
        }
        delays = Arrays.copyOf(delays, k);
        Arrays.sort(delays);
        long rssDrain = rss.peak();
        String drainCpu = dc.report();
        gate.stop(0);
        System.out.printf("    held %.1f s before release (blocker fetches begun: %d); answered before release: %d (re-polled)%n",
                heldFor / 1e3, gateHits.get(), answeredEarly.get());
        System.out.printf("    final statuses: %s; re-polls after a 60 s wait expired: %d; errors: %d%s%n",
                finals, repolls, errors, finished ? "" : "; NOT all answered before the deadline");
        if (!POLL_ERRORS.isEmpty()) {
            System.out.printf("    poll errors (each retried): %s%n", new TreeMap<>(POLL_ERRORS));
        }
        if (k > 0) {
            System.out.printf("    release -> first job ended %.2f s, -> last job ended %.2f s, -> last long-poll answered %.2f s%n",
                    (firstFinished - t0) / 1e3, (lastFinished - t0) / 1e3, (tLast - t0) / 1e3);
            System.out.printf("    while draining: %s%n", drainCpu);
            System.out.printf("    last job ended -> last long-poll answered: %.3f s%n", (tLast - lastFinished) / 1e3);
            System.out.printf("    job finishedAt -> its long-poll answered: p50 %d ms, p99 %d ms, max %d ms; "
                            + "over 1 s: %d (target: all within 1 s -> %s)%n",
                    (long) percentile(delays, 50), (long) percentile(delays, 99), delays[k - 1], late,
                    late == 0 && k == n ? "met" : "NOT met");
        }
        System.out.printf("    server RSS while held %s, peak while draining %s (target: < 1 GiB -> %s)%n",
                mib(rssHeld), mib(rssDrain), rssHeld < (1L << 30) ? "met" : "NOT met");
        System.out.printf("RESULT b polls=%d held=%d rss_held_mib=%d rss_drain_peak_mib=%d release_to_all_answered_s=%.2f "
                        + "last_end_to_last_answer_s=%.3f delay_p50_ms=%d delay_p99_ms=%d delay_max_ms=%d over_1s=%d "
                        + "repolls=%d errors=%d%n",
                n, openNow, rssHeld >> 20, rssDrain >> 20, (tLast - t0) / 1e3, (tLast - lastFinished) / 1e3,
                k > 0 ? (long) percentile(delays, 50) : -1, k > 0 ? (long) percentile(delays, 99) : -1,
                k > 0 ? delays[k - 1] : -1, late, repolls, errors);
        System.exit(0); // unanswered polls' threads, if any, must not keep us alive
    }

    /** One long-poll on its own connection, re-polled if a 60 s wait expires before its job ends. */
    static final Map<String, Integer> POLL_ERRORS = new ConcurrentHashMap<>();

    static final class Poll {
        final String id;
        volatile long answeredAt;
        volatile long finishedAt;
        volatile String finalStatus;
        int repolls;
        int errors;

        Poll(String id) {
            this.id = id;
        }

        void run(CountDownLatch sent, CountDownLatch done, Semaphore connecting, AtomicInteger early,
                 AtomicLong releasedAt, long deadline) {
            Conn c = null;
            boolean counted = false;
            try {
                if (id == null) {
                    return;
                }
                byte[] req = get("/v1/jobs/" + id + "?wait=60");
                while (System.currentTimeMillis() < deadline) {
                    try {
                        if (c == null || c.closed) {
                            connecting.acquireUninterruptibly();
                            try {
                                c = new Conn(port, 90_000);
                            } finally {
                                connecting.release();
                            }
                        }
                        c.send(req);
                        if (!counted) {
                            counted = true;
                            sent.countDown();
                        }
                        Resp r = c.read();
                        long now = System.currentTimeMillis();
                        String st = r.status == 200 ? find(STATUS, r.body) : null;
                        if (terminal(st)) {
                            answeredAt = now;
                            finalStatus = st;
                            String fin = find(FINISHED, r.body);
                            finishedAt = fin == null ? 0 : Instant.parse(fin).toEpochMilli();
                            return;
                        }
                        if (now < releasedAt.get()) {
                            early.incrementAndGet();
                        } else if (r.status == 200) {
                            repolls++;
                        }
                        if (r.status != 200) {
                            errors++;
                            POLL_ERRORS.merge("http " + r.status, 1, Integer::sum);
                            Thread.sleep(100);
                        }
                    } catch (IOException e) {
                        errors++;
                        POLL_ERRORS.merge((System.currentTimeMillis() < releasedAt.get() ? "before release: " : "")
                                + e.getClass().getSimpleName() + ": " + e.getMessage(), 1, Integer::sum);
                        if (c != null) {
                            c.close();
                        }
                        c = null;
                        Thread.sleep(100);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (!counted) {
                    sent.countDown();
                }
                if (c != null) {
                    c.close();
                }
                done.countDown();
            }
        }
    }

    /** CPU use over a phase: server, this client, everything else (in cores, of the machine's total). */
    static final class Cpu {
        final long t0 = System.nanoTime();
        final long server0 = cpuTicks(pid);
        final long self0 = cpuTicks(ProcessHandle.current().pid());
        final long[] all0 = machineTicks();

        String report() {
            double secs = (System.nanoTime() - t0) / 1e9;
            long[] all1 = machineTicks();
            double server = (cpuTicks(pid) - server0) / 100.0 / secs;
            double self = (cpuTicks(ProcessHandle.current().pid()) - self0) / 100.0 / secs;
            double busy = (all1[0] - all0[0]) / 100.0 / secs;
            return String.format("cpu (cores): server %.2f, client %.2f, other %.2f, idle %.2f",
                    server, self, Math.max(0, busy - server - self), (all1[1] - all0[1]) / 100.0 / secs);
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
    }

    /** Waits until the server has used under 5% of a core for half a second (it has parsed every poll). */
    static void waitForServerIdle(long maxMillis) throws InterruptedException {
        long until = System.currentTimeMillis() + maxMillis;
        long prev = cpuTicks(pid);
        while (System.currentTimeMillis() < until) {
            Thread.sleep(500);
            long now = cpuTicks(pid);
            if (now - prev <= 2) { // ticks are 10 ms: <= 20 ms of CPU in 500 ms
                return;
            }
            prev = now;
        }
    }

    static long cpuTicks(long process) {
        try {
            String stat = Files.readString(Path.of("/proc/" + process + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static long procField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(name + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // no such process
        }
        return 0;
    }

    /** Samples the server's VmRSS every 100 ms, keeping the peak. */
    static final class RssSampler implements Runnable {
        private volatile long peak;

        long now() {
            return procField("VmRSS") * 1024;
        }

        long peak() {
            return Math.max(peak, now());
        }

        void resetPeak() {
            peak = now();
        }

        @Override
        public void run() {
            while (true) {
                peak = Math.max(peak, now());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }

    // ---------------------------------------------------------------- office: documents -> PDF through jobs

    static final Pattern CREATED = Pattern.compile("\"createdAt\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern STARTED = Pattern.compile("\"startedAt\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern PAGES = Pattern.compile("\"pageCount\"\\s*:\\s*(\\d+)");
    static final Pattern SIZE = Pattern.compile("\"size\"\\s*:\\s*(\\d+)");
    static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One document's job: what the client saw (client clock) and what the job says (server clock, same machine). */
    static final class OfficeJob {
        final int index;
        final Path file;
        final byte[] request;
        volatile String id;
        volatile long submitSent;
        volatile long submitAnswered;
        volatile long answered;
        volatile String json;
        volatile String status;
        volatile String error;
        int polls;

        OfficeJob(int index, Path file, byte[] request) {
            this.index = index;
            this.file = file;
            this.request = request;
        }

        long serverMillis(Pattern p) {
            String v = find(p, json);
            return v == null ? -1 : Instant.parse(v).toEpochMilli();
        }
    }

    /**
     * Converts every file of --files to PDF through {@code POST /v1/jobs} + {@code GET /v1/jobs/{id}?wait=60}.
     * --style all (default): one connection submits every document in list order while each job is
     * long-polled on a connection of its own, so the server's queue holds every job from the start
     * (the office pool never waits for a client). --style loop: --clients closed-loop clients, each
     * submitting a document and long-polling it to its end before taking the next. Timed from the
     * first submit to the last final answer; then every output is downloaded and checked (%PDF- ...
     * %%EOF, size as the job says). Writes --times-dir/--label.tsv (job startedAt/finishedAt
     * relative to the first submit) for OfficeDirect's summary.
     */
    static void benchOffice() throws Exception {
        String style = opts.getOrDefault("style", "all");
        int clients = opt("clients", 2);
        String label = opts.getOrDefault("label", "a");
        List<OfficeJob> jobs = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(need("files")))) {
            if (!line.isBlank()) {
                Path f = Path.of(line.trim());
                jobs.add(new OfficeJob(jobs.size(), f, multipartOffice(Files.readAllBytes(f), f.getFileName().toString())));
            }
        }
        double[] conv0 = conversionMetrics();
        System.out.printf("(a) Kiln HTTP API, %s: %d documents -> pdf%n", style.equals("all")
                ? "submit all in list order on one connection, long-poll each job on its own connection (full queue)"
                : clients + " closed-loop clients (submit, long-poll to the end, next)", jobs.size());
        OfficeCpu cpu = new OfficeCpu(pid);
        long t0 = System.currentTimeMillis();
        long n0 = System.nanoTime();
        if (style.equals("all")) {
            List<Thread> pollers = new ArrayList<>();
            try (Conn c = new Conn(port, 120_000)) {
                for (OfficeJob j : jobs) {
                    j.submitSent = System.currentTimeMillis();
                    Resp r = c.exchange(j.request);
                    j.submitAnswered = System.currentTimeMillis();
                    if (r.status != 202 && r.status != 200) {
                        j.status = "http " + r.status;
                        j.error = r.body;
                        j.answered = j.submitAnswered;
                        continue;
                    }
                    j.id = find(ID, r.body);
                    j.json = r.body;
                    j.status = find(STATUS, r.body);
                    pollers.add(Thread.ofVirtual().start(() -> {
                        try (Conn pc = new Conn(port, 120_000)) {
                            pollToEnd(pc, j);
                        } catch (IOException e) {
                            j.status = "io error";
                            j.error = e.toString();
                        }
                    }));
                }
            }
            for (Thread t : pollers) {
                t.join(TimeUnit.MINUTES.toMillis(15));
            }
        } else {
            AtomicInteger next = new AtomicInteger();
            List<Thread> ts = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                ts.add(Thread.ofPlatform().daemon().start(() -> {
                    Conn c = null;
                    int k;
                    while ((k = next.getAndIncrement()) < jobs.size()) {
                        OfficeJob j = jobs.get(k);
                        try {
                            if (c == null || c.closed) {
                                c = new Conn(port, 120_000);
                            }
                            j.submitSent = System.currentTimeMillis();
                            Resp r = c.exchange(j.request);
                            j.submitAnswered = System.currentTimeMillis();
                            if (r.status != 202 && r.status != 200) {
                                j.status = "http " + r.status;
                                j.error = r.body;
                                j.answered = j.submitAnswered;
                                continue;
                            }
                            j.id = find(ID, r.body);
                            j.json = r.body;
                            j.status = find(STATUS, r.body);
                            pollToEnd(c, j);
                        } catch (IOException e) {
                            j.status = "io error";
                            j.error = e.toString();
                            if (c != null) {
                                c.close();
                            }
                            c = null;
                        }
                    }
                    if (c != null) {
                        c.close();
                    }
                }));
            }
            for (Thread t : ts) {
                t.join(TimeUnit.MINUTES.toMillis(15));
            }
        }
        long wallNs = System.nanoTime() - n0;
        String cpuLine = cpu.report();
        String threadLine = cpu.byThread();
        double[] conv1 = conversionMetrics();

        // verification (not timed): download every output and look at it
        int ok = 0;
        long pages = 0;
        List<String> failures = new ArrayList<>();
        StringBuilder tsv = new StringBuilder();
        try (Conn c = new Conn(port, 120_000)) {
            for (OfficeJob j : jobs) {
                String bad = null;
                long bytes = 0;
                int n = -1;
                if (!"success".equals(j.status)) {
                    String msg = find(MESSAGE, j.json != null ? j.json : j.error);
                    bad = "job " + j.status + (msg != null ? ": " + msg : j.error != null ? ": " + j.error : "");
                } else {
                    Resp r = c.exchange(get("/v1/jobs/" + j.id + "/output"));
                    String size = find(SIZE, j.json);
                    String head = new String(Arrays.copyOf(r.raw, Math.min(5, r.raw.length)), StandardCharsets.ISO_8859_1);
                    String tail = new String(Arrays.copyOfRange(r.raw, Math.max(0, r.raw.length - 1024), r.raw.length),
                            StandardCharsets.ISO_8859_1);
                    if (r.status != 200) {
                        bad = "output download answered " + r.status;
                    } else if (!head.equals("%PDF-")) {
                        bad = "output does not start with %PDF-";
                    } else if (!tail.contains("%%EOF")) {
                        bad = "output has no %%EOF";
                    } else if (size != null && Long.parseLong(size) != r.raw.length) {
                        bad = "output is " + r.raw.length + " bytes, the job says " + size;
                    } else {
                        bytes = r.raw.length;
                        String p = find(PAGES, j.json);
                        n = p == null ? -1 : Integer.parseInt(p);
                    }
                }
                if (bad == null) {
                    ok++;
                    pages += Math.max(0, n);
                } else {
                    failures.add(j.file + ": " + bad.replaceAll("\\s+", " "));
                }
                long st = j.json == null ? -1 : j.serverMillis(STARTED);
                long fin = j.json == null ? -1 : j.serverMillis(FINISHED);
                tsv.append(j.file).append('\t').append(st < 0 ? j.submitSent - t0 : st - t0).append('\t')
                        .append(fin < 0 ? j.answered - t0 : fin - t0).append('\t').append(bad == null ? "ok" : "FAILED")
                        .append('\t').append(bytes).append('\t').append(n).append('\t')
                        .append(bad == null ? "" : bad.replaceAll("\\s+", " ")).append('\n');
            }
        }
        Path timesDir = Files.createDirectories(Path.of(need("times-dir")));
        Files.writeString(timesDir.resolve(label + ".tsv"), tsv);

        double wall = wallNs / 1e9;
        System.out.printf("    %d documents in %.2f s: %.3f docs/s; ok %d, FAILED %d; %d pages%n",
                jobs.size(), wall, ok / wall, ok, jobs.size() - ok, pages);
        System.out.println("    " + cpuLine);
        System.out.println("    server JVM cpu s by thread: " + threadLine);
        failures.forEach(f -> System.out.println("    FAILED " + f));

        // where a job's time goes (ms, mean over the jobs that ran; server clock for createdAt/startedAt/finishedAt)
        long nRan = 0;
        double upload = 0, queued = 0, worker = 0, notify = 0, polls = 0;
        for (OfficeJob j : jobs) {
            if (j.json == null || j.serverMillis(STARTED) < 0 || j.serverMillis(FINISHED) < 0) {
                continue;
            }
            nRan++;
            upload += j.submitAnswered - j.submitSent;
            queued += j.serverMillis(STARTED) - j.serverMillis(CREATED);
            worker += j.serverMillis(FINISHED) - j.serverMillis(STARTED);
            notify += j.answered - j.serverMillis(FINISHED);
            polls += j.polls;
        }
        double convCount = conv1[1] - conv0[1];
        double convSum = conv1[0] - conv0[0];
        if (nRan > 0) {
            System.out.printf("    per job (mean ms): submit answered %.0f, queued (createdAt -> startedAt) %.0f, "
                            + "worker (startedAt -> finishedAt) %.0f, finishedAt -> final answer %.0f; polls/job %.2f%n",
                    upload / nRan, queued / nRan, worker / nRan, notify / nRan, polls / nRan);
        }
        if (convCount > 0) {
            System.out.printf("    engine: kiln_conversion (libreoffice) %d conversions, %.1f s in total, mean %.0f ms; "
                            + "worker time outside the converter %.0f ms/job; office pool busy %.0f%% of %d x wall "
                            + "(by kiln_conversion)%n",
                    (long) convCount, convSum, convSum / convCount * 1000, worker / Math.max(1, nRan) - convSum / convCount * 1000,
                    100 * convSum / (opt("processes", 2) * wall), opt("processes", 2));
        }
        System.out.printf(Locale.ROOT, "RESULT office-%s mode=http-%s docs=%d ok=%d failed=%d wall_s=%.2f docs_per_s=%.4f pages=%d "
                        + "office_cpu_s=%.1f jvm_cpu_s=%.1f client_cpu_s=%.1f other_cores=%.2f worker_ms=%.0f conversion_ms=%.0f%n",
                label, style, jobs.size(), ok, jobs.size() - ok, wall, ok / wall, pages, cpu.officeSecs, cpu.jvmSecs,
                cpu.clientSecs, cpu.otherCores, worker / Math.max(1, nRan), convCount > 0 ? convSum / convCount * 1000 : -1);
    }

    /** Long-polls j's job on {@code c} until it ends (a 60 s wait that expires is simply re-sent). */
    static void pollToEnd(Conn c, OfficeJob j) throws IOException {
        byte[] req = get("/v1/jobs/" + j.id + "?wait=60");
        while (!terminal(j.status)) {
            Resp r = c.exchange(req);
            j.polls++;
            if (r.status != 200) {
                j.status = "http " + r.status;
                j.error = r.body;
                break;
            }
            j.json = r.body;
            j.status = find(STATUS, r.body);
        }
        j.answered = System.currentTimeMillis();
    }

    /** The job's multipart body: the file, {@code to=pdf}, and each {@code name=value} of --fields (comma-separated). */
    static byte[] multipartOffice(byte[] file, String name) {
        String b = "kilnbench" + Long.toHexString(System.nanoTime());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        body.writeBytes(file);
        StringBuilder fields = new StringBuilder("to=pdf");
        if (!opts.getOrDefault("fields", "").isBlank()) {
            fields.append(',').append(opts.get("fields"));
        }
        for (String field : fields.toString().split(",")) {
            String[] kv = field.split("=", 2);
            body.writeBytes(("\r\n--" + b + "\r\nContent-Disposition: form-data; name=\"" + kv[0].trim() + "\"\r\n\r\n"
                    + (kv.length > 1 ? kv[1].trim() : "")).getBytes(StandardCharsets.ISO_8859_1));
        }
        body.writeBytes(("\r\n--" + b + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return post("/v1/jobs", "multipart/form-data; boundary=" + b, body.toByteArray());
    }

    /** {sum of seconds, count} of kiln_conversion{engine="libreoffice"} from /metrics (zeros if absent). */
    static double[] conversionMetrics() {
        try (Conn c = new Conn(port, 30_000)) {
            String m = c.exchange(get("/metrics")).body;
            return new double[] {metric(m, "kiln_conversion_seconds_sum"), metric(m, "kiln_conversion_seconds_count")};
        } catch (IOException e) {
            return new double[2];
        }
    }

    static double metric(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*engine=\"libreoffice\"[^}]*\\}\\s+(\\S+)").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** CPU over a phase of the server JVM, its office processes (descendants), this client and the rest. */
    static final class OfficeCpu {
        final long server;
        final long t0 = System.nanoTime();
        final long[] tree0;
        final long self0 = cpuTicks(ProcessHandle.current().pid());
        final long[] all0 = Cpu.machineTicks();
        final String load0 = loadavg();

        final Map<String, Long> threads0;

        OfficeCpu(long server) {
            this.server = server;
            this.tree0 = tree();
            this.threads0 = threadTicks(server);
        }

        /** The server JVM's CPU by thread kind (thread names with digits and "-" runs folded), in seconds, top 8. */
        String byThread() {
            Map<String, Long> now = threadTicks(server);
            Map<String, Long> kinds = new TreeMap<>();
            now.forEach((key, ticks) -> {
                long d = ticks - threads0.getOrDefault(key, 0L);
                if (d > 0) {
                    kinds.merge(key.substring(key.indexOf(' ') + 1), d, Long::sum);
                }
            });
            StringBuilder sb = new StringBuilder();
            kinds.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(8)
                    .forEach(e -> sb.append(sb.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                            .append(String.format("%.1f", e.getValue() / 100.0)));
            return sb.toString();
        }

        /** "tid kind" -> utime + stime ticks of every thread of {@code process}. */
        static Map<String, Long> threadTicks(long process) {
            Map<String, Long> out = new HashMap<>();
            try (var tasks = Files.list(Path.of("/proc/" + process + "/task"))) {
                for (Path t : tasks.toList()) {
                    try {
                        String stat = Files.readString(t.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                                .replaceAll("(?<=[-#])[0-9]+|[0-9]+$", "N").replaceAll("#N|-N$", "");
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        out.put(t.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                    } catch (IOException | RuntimeException e) {
                        // the thread ended
                    }
                }
            } catch (IOException e) {
                // no such process
            }
            return out;
        }

        long[] tree() {
            long desc = 0;
            for (ProcessHandle h : ProcessHandle.of(server).map(p -> p.descendants().toList()).orElse(List.of())) {
                desc += cpuTicks(h.pid());
            }
            return new long[] {cpuTicks(server), desc};
        }

        /** CPU seconds over the phase, set by {@link #report()}: server JVM, office processes, client; other in cores. */
        double jvmSecs, officeSecs, clientSecs, otherCores;

        String report() {
            double secs = (System.nanoTime() - t0) / 1e9;
            long[] t1 = tree();
            long[] all1 = Cpu.machineTicks();
            double jvm = (t1[0] - tree0[0]) / 100.0 / secs;
            double office = (t1[1] - tree0[1]) / 100.0 / secs;
            double self = (cpuTicks(ProcessHandle.current().pid()) - self0) / 100.0 / secs;
            double busy = (all1[0] - all0[0]) / 100.0 / secs;
            jvmSecs = jvm * secs;
            officeSecs = office * secs;
            clientSecs = self * secs;
            otherCores = Math.max(0, busy - jvm - office - self);
            return String.format("cpu (cores): server JVM %.2f, office processes %.2f, client %.2f, other %.2f, idle %.2f; "
                            + "load average %s -> %s", jvm, office, self, Math.max(0, busy - jvm - office - self),
                    (all1[1] - all0[1]) / 100.0 / secs, load0, loadavg());
        }

        static String loadavg() {
            try {
                return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
            } catch (IOException e) {
                return "?";
            }
        }
    }

    // ---------------------------------------------------------------- minimal HTTP/1.1

    static byte[] get(String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] post(String path, String type, byte[] body) {
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type
                + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    static byte[] multipartSubmit(byte[] file, String name, String to) {
        String b = "kilnbench" + Long.toHexString(System.nanoTime());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + b + "\r\nContent-Disposition: form-data; name=\"to\"\r\n\r\n" + to
                + "\r\n--" + b + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return post("/v1/jobs", "multipart/form-data; boundary=" + b, body.toByteArray());
    }

    record Resp(int status, String body, byte[] raw) {
    }

    static final class Conn implements Closeable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        boolean closed;

        Conn(int port, int readTimeoutMs) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 30_000);
            socket.setSoTimeout(readTimeoutMs);
            in = new BufferedInputStream(socket.getInputStream(), 8192);
            out = socket.getOutputStream();
        }

        Resp exchange(byte[] request) throws IOException {
            send(request);
            return read();
        }

        void send(byte[] request) throws IOException {
            out.write(request);
            out.flush();
        }

        Resp read() throws IOException {
            String statusLine = line();
            if (statusLine == null) {
                closed = true;
                throw new IOException("connection closed by server");
            }
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            long length = -1;
            boolean chunked = false;
            String h;
            while ((h = line()) != null && !h.isEmpty()) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).trim().toLowerCase();
                String value = h.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase().contains("chunked");
                    case "connection" -> closed |= value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                while (true) {
                    String size = line();
                    int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                    if (n == 0) {
                        while ((h = line()) != null && !h.isEmpty()) {
                            // trailers
                        }
                        break;
                    }
                    body.writeBytes(in.readNBytes(n));
                    line();
                }
            } else if (length >= 0) {
                byte[] b = in.readNBytes((int) length);
                if (b.length < length) {
                    closed = true;
                    throw new IOException("short body");
                }
                body.writeBytes(b);
            } else {
                body.writeBytes(in.readAllBytes());
                closed = true;
            }
            if (closed) {
                close();
            }
            byte[] raw = body.toByteArray();
            return new Resp(status, new String(raw, StandardCharsets.UTF_8), raw);
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    int len = sb.length();
                    return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
                }
                sb.append((char) c);
            }
            return sb.isEmpty() ? null : sb.toString();
        }

        @Override
        public void close() {
            closed = true;
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    static String find(Pattern p, String s) {
        if (s == null) {
            return null;
        }
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }

    static boolean terminal(String status) {
        return "success".equals(status) || "failed".equals(status) || "aborted".equals(status);
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
