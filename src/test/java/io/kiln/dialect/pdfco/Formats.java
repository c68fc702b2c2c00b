package io.kiln.dialect.pdfco;

import static org.awaitility.Awaitility.await;

import io.kiln.testing.TestServer;
import java.time.Duration;

/** Whether the server can convert {@code from → to}, per {@code GET /v1/formats} (for assumptions). */
public final class Formats {

    private Formats() {
    }

    /** Asks once every engine has settled: engines still warming up are waited for (up to 90 s). */
    public static boolean available(TestServer server, String from, String to) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            for (var engine : TestServer.json(server.get("/v1/formats")).path("engines")) {
                if (engine.path("state").asText().equals("warming")) {
                    return false;
                }
            }
            return true;
        });
        for (var row : TestServer.json(server.get("/v1/formats")).path("formats")) {
            if (row.path("from").asText().equals(from) && row.path("to").asText().equals(to)
                    && row.path("available").asBoolean()) {
                return true;
            }
        }
        return false;
    }
}
