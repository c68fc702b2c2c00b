package io.kiln.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.testing.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 8, a clean stop under load: SIGTERM to the whole process group — what systemd and
 * container runtimes send — at random moments under mixed load, each followed by a restart on the
 * same data. The server and every process of its group exit; after the restarts every accepted job
 * ends once in success with valid outputs and every webhook arrives under one id.
 */
@Tag("hardening")
class CleanStopTest {

    @Test
    void sigtermToTheProcessGroupUnderLoadStopsEveryProcessAndLosesNothing(@TempDir Path data) throws Exception {
        int stops = Scale.pick(2, 20);
        int port = ServerProcess.freePort();
        String[] flags = {"--workers", "2", "--office-processes", "1", "--browsers", "1",
                "--allow-hosts", "127.0.0.1", "--webhook-retry-first", "1s"};
        List<Long> exitMillis = new ArrayList<>();
        Map<Integer, Integer> exitCodes = new TreeMap<>();
        List<String> leftBehind = new ArrayList<>();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            ServerProcess server = ServerProcess.startInOwnGroup(data, port, Map.of(), flags);
            try (Workload load = new Workload(List.of(server.base()), List.of(Workload.Kind.values()), receiver.url())
                    .start(3, 4)) {
                for (int s = 0; s < stops; s++) {
                    Workload.pauseQuietly(ThreadLocalRandom.current().nextLong(1500, 4000)); // jobs under way
                    long signalled = System.nanoTime();
                    server.signalGroup("TERM");
                    assertThat(server.awaitExit(Duration.ofSeconds(90))).as("the server exits after SIGTERM").isTrue();
                    exitMillis.add((System.nanoTime() - signalled) / 1_000_000);
                    exitCodes.merge(server.exitValue(), 1, Integer::sum);
                    ServerProcess stopped = server;
                    if (!Awaited.quietly(Duration.ofSeconds(30), () -> stopped.groupMembers().isEmpty())) {
                        leftBehind.add("stop " + (s + 1) + ": " + stopped.groupMembers());
                        stopped.killGroup(); // so the next start is not confused by them
                    }
                    server = ServerProcess.startInOwnGroup(data, port, Map.of(), flags);
                }
                Workload.Settled settled = load.settle(Duration.ofMinutes(5));
                WebhookReceiver.Tally webhooks = receiver.tally(
                        settled.accepted().stream().filter(Workload.Accepted::webhook).toList(), Duration.ofMinutes(2));
                Figures.of("8. SIGTERM to the process group under load, one node (embedded)").put("stops", stops)
                        .put("accepted", settled.accepted().size()).put("ended", settled.byStatus())
                        .put("wrong or lost", settled.wrong().size()).put("ends undone", load.undone().size())
                        .put("signal to exit (ms, median / max)", CrashStormTest.median(exitMillis) + " / "
                                + exitMillis.stream().mapToLong(Long::longValue).max().orElse(0))
                        .put("exit codes", exitCodes).put("processes left behind", leftBehind.size())
                        .put("webhooks", webhooks).report();
                assertThat(settled.accepted()).as("jobs accepted around the stops").hasSizeGreaterThan(stops);
                assertThat(leftBehind).as("processes of the group alive 30 s after the server exited").isEmpty();
                load.assertNothingLost(settled, webhooks);
            } finally {
                server.killGroup();
            }
        }
    }
}
