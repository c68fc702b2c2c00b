package io.kiln.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.config.ConfigLoader;
import io.kiln.db.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database file as the server opens it by default. Threads of the server write to
 * it themselves at times (a checkpoint for jobs being accepted, reads of pages not cached), and a
 * thread interrupted by a cancel must not close the file under everyone. WRITE_DELAY=0 makes every
 * commit such a write, so each insert below tries it.
 */
class EmbeddedDatabaseDurabilityTest {

    @Test
    void aWriteOnAnInterruptedThreadLeavesTheDatabaseWorking(@TempDir Path data) throws Exception {
        String url = ConfigLoader.load(new String[] {"--data", data.toString()}, Map.of()).storage().dbUrl()
                + ";WRITE_DELAY=0";
        try (Database db = Database.open(url, "", "", 4)) {
            JobStore store = new JdbcJobStore(db.dataSource());
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread interrupted = Thread.ofPlatform().start(() -> {
                Thread.currentThread().interrupt(); // as Workers.cancel does to a job being deleted
                try {
                    for (int i = 0; i < 20; i++) {
                        store.insert(job());
                    }
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            });
            interrupted.join();

            Job after = job();
            store.insert(after);
            assertThat(store.find("t", after.id())).as("the store after an interrupted writer (%s)", failure.get())
                    .isPresent();
        }
        try (Database reopened = Database.open(url, "", "", 4)) {
            assertThat(new JdbcJobStore(reopened.dataSource()).count(JobStatus.QUEUED)).isEqualTo(21);
        }
    }

    private static Job job() {
        return new Job("t", UUID.randomUUID().toString(), 0, JobStatus.QUEUED, "pdf", "txt", Map.of(),
                List.of(JobInput.upload("f1")), "hash", null, "native", Instant.now(), null, null, null, 0, null,
                null, List.of(), null, 0, null);
    }
}
