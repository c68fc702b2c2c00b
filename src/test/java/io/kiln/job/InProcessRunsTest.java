package io.kiln.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kiln.db.Database;
import io.kiln.engine.Capability;
import io.kiln.engine.ConversionTask;
import io.kiln.engine.Converter;
import io.kiln.engine.Options;
import io.kiln.engine.ProducedFile;
import io.kiln.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Suspects run alone ({@link InProcessRuns}), through {@link ConversionClock} as a worker runs them:
 * a job whose earlier run ended with the server waits for the in-process runs already going, and
 * runs after it wait for it; ordinary runs, and runs in processes of their own, share the server.
 */
class InProcessRunsTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    private final Database db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "", 4);
    private final JobStore store = new JdbcJobStore(db.dataSource());
    private final MutableClock clock = new MutableClock();
    private final ConversionClock timer = new ConversionClock(store, clock, LEASE);
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    /** The names of the conversions inside {@code convert} now. */
    private final Set<String> inside = ConcurrentHashMap.newKeySet();
    private final Map<String, CountDownLatch> releases = new ConcurrentHashMap<>();

    @AfterEach
    void close() {
        releases.values().forEach(CountDownLatch::countDown);
        workers.shutdownNow();
        db.close();
    }

    @Test
    void aSuspectWaitsForTheRunsGoingAndTheRunsAfterItWaitForIt() throws Exception {
        Future<?> first = start("first", 1, true);
        Future<?> second = start("second", 1, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> inside.containsAll(List.of("first", "second")));

        Future<?> suspect = start("suspect", 2, true);
        Future<?> office = start("office", 2, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> inside.contains("office"));
        assertThat(inside).as("a run in a process of its own takes no turn, a suspect waits").doesNotContain("suspect");

        release("first");
        first.get();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !inside.contains("suspect"));
        release("second");
        second.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> inside.contains("suspect"));

        Future<?> later = start("later", 1, true);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !inside.contains("later"));
        assertThat(inside).as("while the suspect runs").containsExactlyInAnyOrder("suspect", "office");
        release("suspect");
        suspect.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> inside.contains("later"));
        release("later");
        release("office");
        later.get();
        office.get();
    }

    /** Runs a claimed job with {@code attempts} through the clock, its conversion blocked until released. */
    private Future<?> start(String name, int attempts, boolean inServerProcess) {
        Job job = new Job("t", UUID.randomUUID().toString(), 0, JobStatus.QUEUED, "pdf", "png", Map.of(),
                List.of(JobInput.upload("f1")), "hash", null, "native", clock.instant(), null, null, null,
                attempts - 1, null, null, List.of(), null, 0, null);
        store.insert(job);
        Job claimed = store.update(job.claimed("node", clock.instant(), clock.instant().plus(LEASE)));
        releases.put(name, new CountDownLatch(1));
        Converter converter = new BlockingConverter(name, inServerProcess);
        ConversionTask task = new ConversionTask("pdf", "png", List.of(Path.of("in.pdf")), Options.NONE,
                Path.of("out"), name, Duration.ofSeconds(60), 10);
        return workers.submit(() -> timer.run(converter, task, new Lease(claimed), new Cancellation()));
    }

    private void release(String name) {
        releases.get(name).countDown();
    }

    /** The conversion's stand-in: it says it is inside, and stays until the test releases it. */
    private final class BlockingConverter implements Converter {
        private final String name;
        private final boolean inServerProcess;

        BlockingConverter(String name, boolean inServerProcess) {
            this.name = name;
            this.inServerProcess = inServerProcess;
        }

        @Override
        public String engine() {
            return name;
        }

        @Override
        public List<Capability> capabilities() {
            return List.of();
        }

        @Override
        public boolean runsInServerProcess() {
            return inServerProcess;
        }

        @Override
        public List<ProducedFile> convert(ConversionTask task) throws InterruptedException {
            inside.add(name);
            try {
                releases.get(name).await();
                return List.of();
            } finally {
                inside.remove(name);
            }
        }
    }
}
