package io.kiln.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.fetch.AddressPolicy;
import io.kiln.fetch.NameLookup;
import io.kiln.fetch.PinnedHttpClients;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The webhook client's platform threads are few and capped, however many of its calls hang or are
 * cut at once: a burst of receivers that hang must not cost a thread each.
 */
class WebhookClientThreadsTest {

    private static final int CALLS = 300;
    private static final Duration CUT_AT = Duration.ofSeconds(2);

    @Test
    void manyCallsCutAtOnceTakeNoMorePlatformThreadsThanTheCap() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket hanging = new ServerSocket(0, CALLS * 2, InetAddress.getByName("127.0.0.1"));
             WebhookClient client = new WebhookClient(AddressPolicy.parse("127.0.0.1"), NameLookup.system());
             ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            // takes every connection and never answers
            Thread.ofVirtual().start(() -> {
                while (!hanging.isClosed()) {
                    try {
                        held.add(hanging.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            WebhookRequest call = new WebhookRequest("POST",
                    URI.create("http://127.0.0.1:" + hanging.getLocalPort() + "/hook"), Map.of(), "{}");
            long before = clientThreads();
            List<Future<AttemptResult>> results = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                results.add(callers.submit(() -> client.send(call, CUT_AT)));
            }
            for (Future<AttemptResult> r : results) {
                // cut on time even when the client's few threads had the whole burst to handle
                assertThat(r.get().error()).contains("did not answer within");
                assertThat(r.get().durationMs()).isLessThan(CUT_AT.plusSeconds(2).toMillis());
            }
            // counted as a gain: a sender of another test may still be stopping
            assertThat(clientThreads() - before).as("platform threads the client gained as " + CALLS
                    + " calls were cut at once").isLessThanOrEqualTo(PinnedHttpClients.PLATFORM_THREADS);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    private static long clientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("kiln-webhook-http"))
                .count();
    }
}
