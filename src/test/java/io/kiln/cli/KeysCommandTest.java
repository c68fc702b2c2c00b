package io.kiln.cli;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.ServerProcess;
import io.kiln.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kiln keys create}, run as a process, makes a key the server then honours with its balance. */
class KeysCommandTest {

    @Test
    void aKeyCreatedWithCreditsHasThatBalanceAndPaysForConversions(@TempDir Path dir) {
        Path data = dir.resolve("data");
        ServerProcess.Result created = ServerProcess.run(dir, Map.of(), Duration.ofSeconds(60),
                "keys", "create", "--tenant", "acme", "--credits", "3", "--data", data.toString());
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        List<String> lines = created.stdout().strip().lines().toList();
        String key = lines.getLast();
        assertThat(key).doesNotContainAnyWhitespaces().hasSizeGreaterThan(20);
        assertThat(lines.getFirst()).contains("tenant acme");

        try (TestServer server = TestServer.startOn(data)) {
            assertThat(account(server, key).path("tenant").asText()).isEqualTo("acme");
            assertThat(account(server, key).path("credits").path("remaining").asLong()).isEqualTo(3);

            var r = server.send(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf")).field("to", "txt")
                    .into(HttpRequest.newBuilder(URI.create(server.base() + "/v1/jobs"))
                            .header("Authorization", "Bearer " + key).header("Prefer", "wait=30")).build());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(json(r).path("credits").asInt()).isEqualTo(1);
            assertThat(account(server, key).path("credits").path("remaining").asLong()).isEqualTo(2);

            assertThat(server.send(HttpRequest.newBuilder(URI.create(server.base() + "/v1/account"))
                    .header("Authorization", "Bearer not-" + key).build()).statusCode()).isEqualTo(401);
        }
    }

    private static JsonNode account(TestServer server, String key) {
        return json(server.send(HttpRequest.newBuilder(URI.create(server.base() + "/v1/account"))
                .header("Authorization", "Bearer " + key).build()));
    }
}
