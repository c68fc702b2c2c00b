package io.kiln.dialect.convertapi;

import static io.kiln.testing.TestServer.json;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.TestServer;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a test asks Kiln about itself: which conversions are available, how many jobs ended. */
final class KilnFacts {

    private static final Pattern ENDED = Pattern.compile(
            "(?m)^kiln_jobs_ended_total\\{status=\"(\\w+)\",?}\\s+([0-9.eE+]+)$");

    private KilnFacts() {
    }

    /**
     * Whether {@code GET /v1/formats} lists {@code from → to} as available (docx → pdf needs LibreOffice
     * and a server started with {@code --office-processes}), once no engine is still warming up.
     */
    static boolean available(TestServer server, String from, String to) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            for (JsonNode engine : json(server.get("/v1/formats")).path("engines")) {
                if (engine.path("state").asText().equals("warming")) {
                    return false;
                }
            }
            return true;
        });
        for (JsonNode row : json(server.get("/v1/formats")).path("formats")) {
            if (row.path("from").asText().equals(from) && row.path("to").asText().equals(to)) {
                return row.path("available").asBoolean();
            }
        }
        return false;
    }

    /** {@code kiln_jobs_ended_total} summed over outcomes, from {@code /metrics}. */
    static long jobsEnded(TestServer server) {
        Matcher m = ENDED.matcher(server.get("/metrics").body());
        long total = 0;
        while (m.find()) {
            total += (long) Double.parseDouble(m.group(2));
        }
        return total;
    }
}
