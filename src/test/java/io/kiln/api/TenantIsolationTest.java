package io.kiln.api;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.auth.ApiKeys;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With keys configured, a key is required and a tenant sees nothing of another's. */
class TenantIsolationTest {

    @Test
    void tenantsNeverSeeEachOthersJobsFilesOrLinks(@TempDir Path data) throws Exception {
        ApiKeys keys = ApiKeys.load(data.resolve("keys"));
        String alice = keys.create("alice").key();
        String bob = keys.create("bob").key();
        assertThat(Files.readString(data.resolve("keys"))).doesNotContain(alice).doesNotContain(bob);

        try (TestServer server = TestServer.startOn(data)) {
            assertThat(server.get("/v1/jobs").statusCode()).isEqualTo(401);
            assertThat(json(server.get("/v1/jobs")).path("code").asText()).isEqualTo("unauthorized");
            assertThat(server.send(server.request("/v1/jobs").header("Authorization", "Bearer nope").GET().build())
                    .statusCode()).isEqualTo(401);
            assertThat(server.get("/health").statusCode()).isEqualTo(200);

            server.withKey(alice);
            JsonNode job = server.convert(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                    .field("to", "txt"));
            String id = job.path("id").asText();
            String fileId = job.path("outputs").get(0).path("fileId").asText();
            assertThat(server.get("/v1/jobs/" + id).statusCode()).isEqualTo(200);
            assertThat(server.get("/v1/files/" + fileId + "/x.txt").statusCode()).isEqualTo(200);
            // other ways to present a key
            assertThat(server.send(HttpRequest.newBuilder(URI.create(server.base() + "/v1/jobs/" + id))
                    .header("X-API-Key", alice).build()).statusCode()).isEqualTo(200);
            assertThat(server.send(HttpRequest.newBuilder(URI.create(server.base() + "/v1/jobs/" + id + "?Secret=" + alice))
                    .build()).statusCode()).isEqualTo(200);

            server.withKey(bob);
            assertThat(server.get("/v1/jobs/" + id).statusCode()).isEqualTo(404);
            assertThat(server.get("/v1/jobs/" + id + "/output").statusCode()).isEqualTo(404);
            assertThat(server.get("/v1/files/" + fileId + "/x.txt").statusCode()).isEqualTo(404);
            assertThat(server.delete("/v1/jobs/" + id).statusCode()).isEqualTo(404);
            assertThat(json(server.get("/v1/jobs")).path("jobs")).isEmpty();
            assertThat(server.postJson("/v1/jobs", "{\"to\":\"txt\",\"fileId\":\"" + fileId + "\"}").statusCode())
                    .isEqualTo(404);
            // the same client id in another tenant is another job
            java.net.http.HttpResponse<String> sameId = server.postMultipart("/v1/jobs", Multipart.form()
                    .file("file", Corpus.file("pdf/minimal-document.pdf")).field("to", "info").field("jobId", id));
            assertThat(sameId.statusCode()).isEqualTo(202);

            server.withKey(alice);
            assertThat(server.get("/v1/jobs/" + id).statusCode()).isEqualTo(200);
        }
    }

}
