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

/**
 * {@code kiln keys}, run as a process: {@code create} makes a key in the keys file that the server
 * honours with its balance; {@code add}, {@code list}, {@code revoke} and {@code import} work on the
 * embedded database and on a shared PostgreSQL alike.
 */
class KeysCommandTest {

    private static ServerProcess.Result keys(Path dir, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "keys";
        System.arraycopy(args, 0, all, 1, args.length);
        ServerProcess.Result r = ServerProcess.run(dir, Map.of(), Duration.ofSeconds(60), all);
        assertThat(r.exitCode()).as("%s: %s", String.join(" ", args), r.stderr()).isZero();
        return r;
    }

    /** add, list, revoke and import against the database the place flags name; returns an added, revoked key. */
    private static String addListRevokeImport(Path dir, String... place) throws Exception {
        String[] add = concat(new String[] {"add", "--tenant", "acme", "--credits", "5", "--rps", "3", "--max-jobs", "2",
                "--max-upload", "10m"}, place);
        List<String> lines = keys(dir, add).stdout().strip().lines().toList();
        String key = lines.getLast();
        assertThat(key).startsWith("kiln_").doesNotContainAnyWhitespaces();
        String id = lines.getFirst().replaceAll(".*\\(id ([0-9a-f]+),.*", "$1");
        assertThat(id).hasSize(8);

        String listed = keys(dir, concat(new String[] {"list"}, place)).stdout();
        assertThat(listed).contains(id + "\tacme\t").contains("\t-\t5\trps=3 jobs=2 upload=10485760")
                .doesNotContain(key).doesNotContain(key.substring(5));

        assertThat(keys(dir, concat(new String[] {"revoke", id}, place)).stdout()).contains("revoked key " + id);
        assertThat(keys(dir, concat(new String[] {"list"}, place)).stdout()).containsPattern(id + "\tacme\t\\S+\t20\\d\\d-");
        ServerProcess.Result again = ServerProcess.run(dir, Map.of(), Duration.ofSeconds(60),
                concat(new String[] {"keys", "revoke", id}, place));
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).contains("no unrevoked key with id " + id);

        Path file = dir.resolve("imported-keys");
        String imported = io.kiln.auth.ApiKeys.load(file).create("beta", java.util.OptionalLong.of(7)).key();
        assertThat(keys(dir, concat(new String[] {"import", file.toString()}, place)).stdout()).contains("imported 1 key(s)");
        assertThat(keys(dir, concat(new String[] {"import", file.toString()}, place)).stdout()).contains("imported 0 key(s)");
        assertThat(keys(dir, concat(new String[] {"list"}, place)).stdout())
                .contains(io.kiln.auth.KeyHash.of(imported).substring(0, 8) + "\tbeta\t").contains("\t7\tnone");
        return imported;
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void addListRevokeAndImportWorkOnTheEmbeddedDatabase(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        String imported = addListRevokeImport(dir, "--data", data.toString());
        try (TestServer server = TestServer.startOn(data)) {
            assertThat(account(server, imported).path("tenant").asText()).as("an imported key, served").isEqualTo("beta");
            assertThat(account(server, imported).path("credits").path("remaining").asLong()).isEqualTo(7);
        }
    }

    @Test
    void addListRevokeAndImportWorkOnASharedPostgresql(@TempDir Path dir) throws Exception {
        var pg = io.kiln.testing.Postgres.server();
        addListRevokeImport(dir, "--db-url", pg.freshDatabase(), "--db-user", pg.user());
    }

    @Test
    void aBadLimitIsOneLineAndExitCode2(@TempDir Path dir) {
        ServerProcess.Result r = ServerProcess.run(dir, Map.of(), Duration.ofSeconds(60),
                "keys", "add", "--max-upload", "lots", "--data", dir.resolve("data").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr().strip()).contains("--max-upload").contains("lots").doesNotContain("Exception");
    }

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
