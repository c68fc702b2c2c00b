package io.kiln.dialect.convertapi;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.auth.ApiKeys;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With API keys: the key as Secret or Token in any place and case, or Bearer; tenants apart; credits. */
class AuthAndCreditsTest {

    @Test
    void theKeyIsTakenFromEveryPlaceConvertApiClientsPutIt(@TempDir Path data) {
        ApiKeys keys = ApiKeys.load(data.resolve("keys"));
        String alice = keys.create("alice").key();
        String bob = keys.create("bob").key();
        try (TestServer server = TestServer.startOn(data)) {
            HttpResponse<String> none = convert(server, "", Multipart.form());
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(json(none).path("Code").asInt()).isEqualTo(4013);
            HttpResponse<String> wrong = convert(server, "?Secret=nope", Multipart.form());
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(json(wrong).path("Code").asInt()).isEqualTo(4010);

            assertThat(convert(server, "?Secret=" + alice, Multipart.form()).statusCode()).isEqualTo(200);
            assertThat(convert(server, "?token=" + alice, Multipart.form()).statusCode()).isEqualTo(200);
            assertThat(convert(server, "", Multipart.form().field("secret", alice)).statusCode()).isEqualTo(200);
            HttpResponse<String> async = server.withKey(alice).send(Multipart.form().field("Async", "true")
                    .file("File", Corpus.file("pdf/minimal-document.pdf"))
                    .into(server.request("/convert/pdf/to/txt")).build());
            String id = json(async).path("JobId").asText();

            assertThat(SeedPolls.untilDone(server, id).statusCode()).isEqualTo(200);
            server.withKey(bob);
            assertThat(server.get("/job/" + id).statusCode()).isEqualTo(404);
            assertThat(server.delete("/job/" + id).statusCode()).isEqualTo(404);
            server.withKey(null);
            // no key at all: the seeds poll this way, and the job id names the job
            assertThat(server.get("/job/" + id).statusCode()).isEqualTo(200);
            assertThat(server.get("/job/" + id + "?Secret=" + alice).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void tooFewCreditsIsConvertApisBalanceError(@TempDir Path data) {
        String broke = ApiKeys.load(data.resolve("keys")).create("acme", OptionalLong.of(0)).key();
        try (TestServer server = TestServer.startOn(data)) {
            HttpResponse<String> r = convert(server, "?Secret=" + broke, Multipart.form());
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(json(r).path("Code").asInt()).isEqualTo(4014);
        }
    }

    @Test
    void aResultCostingMoreThanIsLeftIsTheBalanceErrorSyncOrPolledAndChargesNothing(@TempDir Path data) {
        String key = ApiKeys.load(data.resolve("keys")).create("acme", OptionalLong.of(2)).key();
        try (TestServer server = TestServer.startOn(data)) {
            // four pages to png: four outputs with a page each cost 4
            Multipart pages = Multipart.form().file("File", Corpus.file("pdf/pdflatex-4-pages.pdf"));
            HttpResponse<String> sync = server.send(pages.into(HttpRequest.newBuilder(java.net.URI.create(
                    server.base() + "/convert/pdf/to/png?Secret=" + key))).build());
            assertThat(sync.statusCode()).isEqualTo(401);
            assertThat(json(sync).path("Code").asInt()).isEqualTo(4014);
            assertThat(json(sync).path("Message").asText()).contains("cost");

            String id = json(server.send(Multipart.form().field("Async", "true")
                    .file("File", Corpus.file("pdf/pdflatex-4-pages.pdf")).into(HttpRequest.newBuilder(java.net.URI.create(
                            server.base() + "/convert/pdf/to/png?Secret=" + key))).build())).path("JobId").asText();
            HttpResponse<String> polled = SeedPolls.untilDone(server, "/job/", id + "?Secret=" + key);
            assertThat(polled.statusCode()).isEqualTo(401);
            assertThat(json(polled).path("Code").asInt()).isEqualTo(4014);

            HttpResponse<String> account = server.send(HttpRequest.newBuilder(java.net.URI.create(server.base() + "/v1/account"))
                    .header("Authorization", "Bearer " + key).build());
            assertThat(json(account).path("credits").path("remaining").asLong()).isEqualTo(2);
        }
    }

    private static HttpResponse<String> convert(TestServer server, String query, Multipart form) {
        HttpRequest.Builder b = form.file("File", Corpus.file("pdf/minimal-document.pdf"))
                .into(HttpRequest.newBuilder(java.net.URI.create(server.base() + "/convert/pdf/to/txt" + query)));
        return server.send(b.build());
    }
}
