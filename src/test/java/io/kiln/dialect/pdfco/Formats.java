package io.kiln.dialect.pdfco;

import io.kiln.testing.TestServer;

/** Whether the server can convert {@code from → to} now, per {@code GET /v1/formats} (for assumptions). */
public final class Formats {

    private Formats() {
    }

    public static boolean available(TestServer server, String from, String to) {
        for (var row : TestServer.json(server.get("/v1/formats")).path("formats")) {
            if (row.path("from").asText().equals(from) && row.path("to").asText().equals(to)
                    && row.path("available").asBoolean()) {
                return true;
            }
        }
        return false;
    }
}
