package io.kiln.engine.libreoffice;

import io.kiln.engine.Availability;
import io.kiln.engine.PoolCounters;
import io.kiln.engine.RestartCounts;
import io.kiln.engine.WarmPool;
import io.kiln.engine.LeftoverProcesses;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.error.ServiceUnavailable;
import java.io.IOException;
import java.nio.file.Path;
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
 * A bounded pool of warm LibreOffice processes. Each slot holds one {@link OfficeProcess}; a
 * conversion takes an idle one from a queue (waiting at most the queue timeout) and gives it back
 * afterwards. A process is replaced by a fresh one after {@link LibreOfficeSettings#maxTasksPerProcess()}
 * conversions, when it crashed, when a conversion on it timed out or was cancelled, and after a
 * failed start; the replacement starts in the background, so nobody waits for it but the queue.
 * Processes start in the background at construction; {@link #availability()} tells how far they are.
 */
public final class LibreOfficePool implements AutoCloseable, WarmPool {

    private static final Logger LOG = LoggerFactory.getLogger(LibreOfficePool.class);
    private static final Duration FIRST_START_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_START_RETRY = Duration.ofSeconds(30);
    /**
     * Start failures in a row before a slot counts as failed: one failure is often passing (two nodes
     * on one machine racing for a port), and the engine must not answer 501 while it retries.
     */
    private static final int FAILED_AFTER_STARTS = 3;
    /** How long a stop may take to reach the point where the manager expects its process to die. */
    private static final Duration STOP_NOTICE = Duration.ofSeconds(1);
    /** How long {@link #close()} waits for processes still starting. */
    private static final Duration CLOSE_WAIT = OfficeProcess.START_TIMEOUT.plusSeconds(5);

    private enum SlotState { STARTING, READY, FAILED }

    private final LibreOfficeSettings settings;
    private final Optional<String> notInstalled;
    private final Path templateProfile;
    private final FreePorts ports;
    private final BlockingQueue<OfficeProcess> idle = new LinkedBlockingQueue<>();
    private final PoolCounters counters = new PoolCounters();
    private final AtomicReferenceArray<OfficeProcess> running;
    private final AtomicReferenceArray<SlotState> states;
    private final Map<RestartReason, AtomicLong> restarts = new EnumMap<>(RestartReason.class);
    private final List<Thread> background = Collections.synchronizedList(new ArrayList<>());
    private volatile String lastStartFailure = "";
    private volatile boolean closed;
    /** Set when the server begins to stop: no process is started again (see {@link #quiesce()}). */
    private volatile boolean quiescing;

    /** Starts {@code settings.processes()} office processes in the background (none if LibreOffice is missing). */
    public LibreOfficePool(LibreOfficeSettings settings) {
        this(settings, Optional.empty());
    }

    /** A pool that starts nothing: the engine reports itself unavailable, saying {@code reason}. */
    public static LibreOfficePool disabled(LibreOfficeSettings settings, String reason) {
        return new LibreOfficePool(settings, Optional.of(reason));
    }

    private LibreOfficePool(LibreOfficeSettings settings, Optional<String> disabled) {
        this.settings = settings;
        this.ports = new FreePorts(settings.firstPort());
        this.running = new AtomicReferenceArray<>(settings.processes());
        this.states = new AtomicReferenceArray<>(settings.processes());
        for (RestartReason r : RestartReason.values()) {
            restarts.put(r, new AtomicLong());
        }
        Optional<String> problem = disabled.or(() -> OfficeInstallation.problem(settings.officeHome()));
        Path template = settings.workDir().resolve("template-profile");
        if (problem.isEmpty()) {
            try {
                TemplateProfile.write(template);
            } catch (IOException e) {
                problem = Optional.of("the LibreOffice profile could not be written under " + settings.workDir()
                        + ": " + e.getMessage());
            }
        }
        this.notInstalled = problem;
        this.templateProfile = template;
        problem.ifPresentOrElse(p -> LOG.warn("libreoffice engine unavailable: {}", p), () -> {
            int leftovers = LeftoverProcesses.kill(settings.workDir());
            if (leftovers > 0) {
                LOG.warn("killed {} office processes left behind by an earlier run on {}", leftovers, settings.workDir());
            }
            LOG.info("starting {} LibreOffice processes from {}", settings.processes(), settings.officeHome());
            for (int slot = 0; slot < settings.processes(); slot++) {
                startSlot(slot, Duration.ZERO);
            }
        });
    }

    /** READY when every process is up, WARMING while some are (re)starting, UNAVAILABLE when none can run. */
    public Availability availability() {
        if (notInstalled.isPresent()) {
            return Availability.unavailable(notInstalled.get());
        }
        if (closed) {
            return Availability.unavailable("the LibreOffice pool is shut down");
        }
        int ready = readyProcesses();
        int failed = count(SlotState.FAILED);
        if (ready == size()) {
            return Availability.ready();
        }
        if (ready == 0 && failed == size()) {
            return Availability.unavailable("LibreOffice could not be started: " + lastStartFailure);
        }
        return Availability.warming(ready + " of " + size() + " office processes ready");
    }

    /** How many office processes the pool keeps. */
    public int size() {
        return settings.processes();
    }

    /** Office processes up and taking work (idle or busy). */
    public int readyProcesses() {
        return count(SlotState.READY);
    }

    @Override
    public String poolName() {
        return "office";
    }

    @Override
    public int ready() {
        return readyProcesses();
    }

    @Override
    public int busy() {
        return busyProcesses().size();
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

    /** How long a conversion may wait for a free process. */
    public Duration queueTimeout() {
        return settings.queueTimeout();
    }

    /** Restarts so far, by reason (for metrics). */
    public Map<RestartReason, Long> restarts() {
        Map<RestartReason, Long> out = new EnumMap<>(RestartReason.class);
        restarts.forEach((r, n) -> out.put(r, n.get()));
        return out;
    }

    LibreOfficeSettings settings() {
        return settings;
    }

    /** The processes up now (idle or busy). */
    List<OfficeProcess> processes() {
        List<OfficeProcess> out = new ArrayList<>();
        for (int i = 0; i < running.length(); i++) {
            Optional.ofNullable(running.get(i)).ifPresent(out::add);
        }
        return out;
    }

    /** The processes up now and running a conversion. */
    List<OfficeProcess> busyProcesses() {
        List<OfficeProcess> out = processes();
        out.removeAll(List.copyOf(idle));
        return out;
    }

    /**
     * Takes an idle process, waiting at most the queue timeout.
     *
     * @throws ConversionFailed {@code engine_unavailable} when LibreOffice cannot run, {@code queue_full}
     *                          when every process stayed busy
     */
    OfficeProcess acquire() throws InterruptedException {
        long deadline = System.nanoTime() + settings.queueTimeout().toNanos();
        while (true) {
            Availability a = availability();
            if (a.state() == Availability.State.UNAVAILABLE) {
                throw new ConversionFailed(ErrorCode.ENGINE_UNAVAILABLE, "LibreOffice is not available: " + a.detail());
            }
            if (quiescing && idle.isEmpty()) {
                // the server is stopping and no process will come back: the job goes back to the queue
                throw new ServiceUnavailable(ErrorCode.UNAVAILABLE, "the server is stopping", null);
            }
            OfficeProcess p;
            counters.waitBegan();
            try {
                p = idle.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } finally {
                counters.waitEnded();
            }
            if (p == null) {
                throw new ConversionFailed(ErrorCode.QUEUE_FULL, "All " + size()
                        + " office processes are busy; try again later.");
            }
            if (p.isAlive()) {
                return p;
            }
            restart(p, RestartReason.CRASH);
        }
    }

    /** Gives back a process that is fine; it is replaced instead once it has run its allowance or reached its memory. */
    void release(OfficeProcess p) {
        if (closed) {
            retire(p, false);
        } else if (p.reachedMemoryLimit()) {
            restart(p, RestartReason.MEMORY);
        } else if (p.countTask(settings.maxTasksPerProcess())) {
            restart(p, RestartReason.MAX_TASKS);
        } else {
            idle.offer(p);
        }
    }

    /** Replaces {@code p} by a fresh process; a crashed, hung or cancelled one is killed first. */
    void restart(OfficeProcess p, RestartReason reason) {
        restarts.get(reason).incrementAndGet();
        if (reason == RestartReason.MAX_TASKS) {
            LOG.info("restarting {}: {}", p, reason);
        } else {
            LOG.warn("restarting {}: {}", p, reason);
        }
        idle.remove(p);
        running.compareAndSet(p.slot(), p, null);
        states.set(p.slot(), SlotState.STARTING);
        inBackground("kiln-office-stop-" + p.slot(), () -> retire(p, reason != RestartReason.MAX_TASKS));
        if (!closed && !quiescing) {
            startSlot(p.slot(), Duration.ZERO);
        }
    }

    private void startSlot(int slot, Duration delay) {
        states.set(slot, SlotState.STARTING);
        inBackground("kiln-office-start-" + slot, () -> {
            Duration pause = delay;
            int failures = 0;
            while (!closed) {
                if (!pause.isZero() && !sleep(pause)) {
                    return;
                }
                int port = ports.take();
                long startedAt = System.nanoTime();
                OfficeProcess p = null;
                try {
                    p = new OfficeProcess(slot, port, settings.officeHome(), templateProfile,
                            settings.workDir().resolve("process-" + (slot + 1)), settings.memoryLimitBytes());
                    p.start();
                } catch (Exception e) {
                    lastStartFailure = e.getMessage();
                    restarts.get(RestartReason.START_FAILED).incrementAndGet();
                    LOG.warn("office process {} on port {} did not start; retrying in {} s", slot + 1, port,
                            nextPause(pause).toSeconds(), e);
                    if (p != null) {
                        retire(p, true);
                    } else {
                        ports.give(port);
                    }
                    states.set(slot, ++failures >= FAILED_AFTER_STARTS ? SlotState.FAILED : SlotState.STARTING);
                    pause = nextPause(pause);
                    continue;
                }
                if (closed) {
                    retire(p, false);
                    return;
                }
                LOG.info("{} ready", p);
                counters.warmedUp(startedAt);
                running.set(slot, p);
                states.set(slot, SlotState.READY);
                idle.offer(p);
                return;
            }
        });
    }

    private static Duration nextPause(Duration pause) {
        Duration next = pause.isZero() ? FIRST_START_RETRY : pause.multipliedBy(2);
        return next.compareTo(MAX_START_RETRY) > 0 ? MAX_START_RETRY : next;
    }

    /** Stops {@code p}; when {@code kill}, it is killed as soon as its manager no longer expects it to live. */
    private void retire(OfficeProcess p, boolean kill) {
        if (kill) {
            // stop first, so the manager expects the disconnection and does not restart the process itself
            Thread stopper = Thread.ofVirtual().name("kiln-office-stop").start(p::stop);
            p.awaitStopping(STOP_NOTICE);
            p.kill();
            joinQuietly(stopper, CLOSE_WAIT);
            p.kill();
        } else {
            p.stop();
        }
        ports.give(p.port());
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

    /** Stops every process, waits for those still starting, and kills whatever is left. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // killed, not asked to quit: a process starting now (a replacement, or JODConverter's own
        // restart after a lost connection, as when the whole process group got SIGTERM) would
        // otherwise be waited for, seconds each, and stopping under load took 7-11 s
        killOwnProcesses();
        List<Thread> stoppers = new ArrayList<>();
        for (OfficeProcess p : processes()) {
            stoppers.add(Thread.ofVirtual().name("kiln-office-close").start(p::stop));
        }
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        List<Thread> waiting = new ArrayList<>(stoppers);
        waiting.addAll(background);
        while (waiting.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
            waiting.forEach(t -> joinQuietly(t, Duration.ofMillis(100)));
            killOwnProcesses(); // whatever started meanwhile
        }
        killOwnProcesses();
        LOG.info("LibreOffice pool stopped; restarts: {}", restarts());
    }

    /** Every process of this JVM whose command line names this pool's working directory. */
    private void killOwnProcesses() {
        String marker = settings.workDir().toAbsolutePath().toString();
        ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
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
