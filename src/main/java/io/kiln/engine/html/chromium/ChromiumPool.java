package io.kiln.engine.html.chromium;

import io.kiln.engine.Availability;
import io.kiln.engine.PoolCounters;
import io.kiln.engine.RestartCounts;
import io.kiln.engine.WarmPool;
import io.kiln.engine.LeftoverProcesses;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.error.ServiceUnavailable;
import io.kiln.fetch.AddressPolicy;
import io.kiln.fetch.NameLookup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded pool of warm headless browsers. A render takes an idle browser from a queue (waiting at
 * most the acquire timeout) and gives it back afterwards. A browser is replaced by a fresh one after
 * {@link ChromiumSettings#maxRendersPerBrowser()} renders, when it crashed, when a render on it timed
 * out or was cancelled, and after a failed start; replacements start in the background. Browsers
 * start in the background at construction; {@link #availability()} tells how far they are.
 */
public final class ChromiumPool implements AutoCloseable, WarmPool {

    private static final Logger LOG = LoggerFactory.getLogger(ChromiumPool.class);
    private static final Duration FIRST_START_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_START_RETRY = Duration.ofSeconds(30);
    private static final Duration CLOSE_WAIT = BrowserProcess.START_TIMEOUT.plusSeconds(5);

    private enum SlotState { STARTING, READY, FAILED }

    private final ChromiumSettings settings;
    private final EgressRules rules;
    private final Optional<String> notInstalled;
    private final BlockingQueue<BrowserProcess> idle = new LinkedBlockingQueue<>();
    private final PoolCounters counters = new PoolCounters();
    private final AtomicReferenceArray<BrowserProcess> running;
    private final AtomicReferenceArray<SlotState> states;
    private final Map<RestartReason, AtomicLong> restarts = new EnumMap<>(RestartReason.class);
    private final List<Thread> background = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong generation = new AtomicLong();
    private volatile String lastStartFailure = "";
    private volatile boolean closed;
    /** Set when the server begins to stop: no process is started again (see {@link #quiesce()}). */
    private volatile boolean quiescing;

    /** Starts {@code settings.browsers()} browsers in the background; every page they load obeys {@code policy}. */
    public ChromiumPool(ChromiumSettings settings, AddressPolicy policy) {
        this(settings, policy, NameLookup.system());
    }

    /** As above, with a replaceable DNS (tests play DNS tricks with it). */
    public ChromiumPool(ChromiumSettings settings, AddressPolicy policy, NameLookup lookup) {
        this.settings = settings;
        this.rules = new EgressRules(policy, lookup);
        this.running = new AtomicReferenceArray<>(settings.browsers());
        this.states = new AtomicReferenceArray<>(settings.browsers());
        for (RestartReason r : RestartReason.values()) {
            restarts.put(r, new AtomicLong());
        }
        this.notInstalled = ChromiumInstallation.problem(settings.executable());
        notInstalled.ifPresentOrElse(p -> LOG.warn("chromium renderer unavailable: {}", p), () -> {
            int leftovers = LeftoverProcesses.kill(settings.workDir());
            if (leftovers > 0) {
                LOG.warn("killed {} browser processes left behind by an earlier run on {}", leftovers, settings.workDir());
            }
            LOG.info("starting {} Chromium browsers from {}", settings.browsers(), settings.executable());
            for (int slot = 0; slot < settings.browsers(); slot++) {
                startSlot(slot);
            }
        });
    }

    /** READY when every browser is up, WARMING while some are (re)starting, UNAVAILABLE when none can run. */
    public Availability availability() {
        if (notInstalled.isPresent()) {
            return Availability.unavailable(notInstalled.get());
        }
        if (closed) {
            return Availability.unavailable("the Chromium pool is shut down");
        }
        int ready = count(SlotState.READY);
        if (ready == size()) {
            return Availability.ready();
        }
        if (ready == 0 && count(SlotState.FAILED) == size()) {
            return Availability.unavailable("Chromium could not be started: " + lastStartFailure);
        }
        return Availability.warming(ready + " of " + size() + " browsers ready");
    }

    public int size() {
        return settings.browsers();
    }

    /** Restarts so far, by reason (for metrics). */
    public Map<RestartReason, Long> restarts() {
        Map<RestartReason, Long> out = new EnumMap<>(RestartReason.class);
        restarts.forEach((r, n) -> out.put(r, n.get()));
        return out;
    }

    @Override
    public String poolName() {
        return "chromium";
    }

    @Override
    public int ready() {
        return browsers().size();
    }

    @Override
    public int busy() {
        return Math.max(0, ready() - idle.size());
    }

    @Override
    public int waiting() {
        return counters.waiting();
    }

    @Override
    public Map<String, Long> restartsByReason() {
        return RestartCounts.byName(restarts());
    }

    @Override
    public long warmUps() {
        return counters.warmUps();
    }

    @Override
    public Duration warmUpTime() {
        return counters.warmUpTime();
    }

    EgressRules rules() {
        return rules;
    }

    /** The browsers up now (idle or busy). */
    List<BrowserProcess> browsers() {
        List<BrowserProcess> out = new ArrayList<>();
        for (int i = 0; i < running.length(); i++) {
            Optional.ofNullable(running.get(i)).ifPresent(out::add);
        }
        return out;
    }

    /**
     * Takes an idle browser, waiting at most the acquire timeout.
     *
     * @throws ConversionFailed {@code engine_unavailable} when Chromium cannot run, {@code queue_full}
     *                          when every browser stayed busy
     */
    BrowserProcess acquire() throws InterruptedException {
        long deadline = System.nanoTime() + settings.acquireTimeout().toNanos();
        while (true) {
            Availability a = availability();
            if (a.state() == Availability.State.UNAVAILABLE) {
                throw new ConversionFailed(ErrorCode.ENGINE_UNAVAILABLE, "Chromium is not available: " + a.detail());
            }
            if (quiescing && idle.isEmpty()) {
                // the server is stopping and no process will come back: the job goes back to the queue
                throw new ServiceUnavailable(ErrorCode.UNAVAILABLE, "the server is stopping", null);
            }
            BrowserProcess b;
            counters.waitBegan();
            try {
                b = idle.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } finally {
                counters.waitEnded();
            }
            if (b == null) {
                throw new ConversionFailed(ErrorCode.QUEUE_FULL, "All " + size()
                        + " browsers are busy; try again later.");
            }
            if (b.isAlive()) {
                return b;
            }
            restart(b, RestartReason.CRASH);
        }
    }

    /** Gives back a browser that is fine; it is replaced instead once it has printed its allowance. */
    void release(BrowserProcess b) {
        if (closed) {
            b.kill();
        } else if (!b.isAlive()) {
            restart(b, RestartReason.CRASH);
        } else if (b.countRender(settings.maxRendersPerBrowser())) {
            restart(b, RestartReason.MAX_RENDERS);
        } else {
            idle.offer(b);
        }
    }

    /** Replaces {@code b} by a fresh browser; the old one is killed with all its processes. */
    void restart(BrowserProcess b, RestartReason reason) {
        restarts.get(reason).incrementAndGet();
        if (reason == RestartReason.MAX_RENDERS) {
            LOG.info("restarting {}: {}", b, reason);
        } else {
            LOG.warn("restarting {}: {}", b, reason);
        }
        idle.remove(b);
        if (running.compareAndSet(b.slot(), b, null)) {
            states.set(b.slot(), SlotState.STARTING);
            inBackground("kiln-chromium-stop-" + b.slot(), b::kill);
            if (!closed && !quiescing) {
                startSlot(b.slot());
            }
        }
    }

    private void startSlot(int slot) {
        states.set(slot, SlotState.STARTING);
        inBackground("kiln-chromium-start-" + slot, () -> {
            Duration pause = Duration.ZERO;
            while (!closed) {
                if (!pause.isZero() && !sleep(pause)) {
                    return;
                }
                BrowserProcess b;
                long startedAt = System.nanoTime();
                try {
                    b = BrowserProcess.start(slot, settings.executable(),
                            settings.workDir().resolve("browser-" + (slot + 1) + "-" + generation.incrementAndGet()),
                            rules);
                } catch (Exception e) {
                    lastStartFailure = e.getMessage();
                    restarts.get(RestartReason.START_FAILED).incrementAndGet();
                    pause = pause.isZero() ? FIRST_START_RETRY : min(pause.multipliedBy(2), MAX_START_RETRY);
                    LOG.warn("browser {} did not start; retrying in {} s", slot + 1, pause.toSeconds(), e);
                    states.set(slot, SlotState.FAILED);
                    continue;
                }
                if (closed) {
                    b.kill();
                    return;
                }
                LOG.info("{} ready", b);
                counters.warmedUp(startedAt);
                running.set(slot, b);
                states.set(slot, SlotState.READY);
                idle.offer(b);
                return;
            }
        });
    }

    private void inBackground(String name, Runnable work) {
        Thread t = Thread.ofVirtual().name(name).unstarted(() -> {
            try {
                work.run();
            } finally {
                background.remove(Thread.currentThread());
            }
        });
        background.add(t);
        t.start();
    }

    private int count(SlotState state) {
        int n = 0;
        for (int i = 0; i < states.length(); i++) {
            n += states.get(i) == state ? 1 : 0;
        }
        return n;
    }

    /**
     * The server begins to stop: from now on no process is started again (one that dies, such as
     * by the SIGTERM a container runtime sends the whole process group, stays dead), and a
     * conversion that finds no live process is handed back to the queue instead of waiting.
     * Conversions on live processes go on until {@link #close()}.
     */
    public void quiesce() {
        quiescing = true;
    }

    /** Kills every browser, waits for those still starting, and kills whatever is left. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        browsers().forEach(BrowserProcess::kill);
        new ArrayList<>(background).forEach(t -> joinQuietly(t, CLOSE_WAIT));
        BrowserProcess.processesOf(settings.workDir()).forEach(ProcessHandle::destroyForcibly);
        LOG.info("Chromium pool stopped; restarts: {}", restarts());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void joinQuietly(Thread t, Duration limit) {
        try {
            t.join(limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
