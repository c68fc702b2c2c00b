package io.kiln.dialect.pdfrest;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A request whose job expired (or was deleted) is unknown: 404, like an id never seen. */
class PdfRestExpiryTest {

    @Test
    void anExpiredRequestIs404() {
        try (TestServer server = TestServer.start("--job-ttl", "1h")) {
            String id = json(server.postMultipart("/convert", Multipart.form()
                    .file("file", Corpus.file("pdf/minimal-document.pdf")).field("format", "txt"))).path("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> server.get("/request-status/" + id).statusCode() == 200);

            server.clock().advance(Duration.ofMinutes(61));
            server.kiln().sweeper().sweepOnce();
            assertThat(server.get("/request-status/" + id).statusCode()).isEqualTo(404);
            assertThat(json(server.get("/request-status/" + id)).path("error").asText()).contains(id);
        }
    }
}
